import { type RefObject, useEffect } from "react";

/**
 * Closes a popup the way menus close: a press anywhere outside `inside`, or Escape wherever the
 * focus went (the body, once a clicked control re-rendered). Listens only while `open`.
 */
export function useDismiss(open: boolean, inside: ReadonlyArray<RefObject<Element | null>>, onDismiss: () => void) {
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => {
      const within = inside.some((ref) => ref.current?.contains(event.target as Node));
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !within) onDismiss();
    };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("pointerdown", close);
      document.removeEventListener("keydown", close);
    };
    // The refs are stable and the callers' onDismiss only closes: listening follows `open` alone.
  }, [open]);
}
