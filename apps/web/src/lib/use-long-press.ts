import { type MouseEvent, type PointerEvent, useRef } from "react";

/** How long a finger stays down for a long press (Android's default), and how far it may drift. */
const HOLD_MS = 500;
const SLOP_PX = 10;

/**
 * A long press by a finger, the touch counterpart of a hover or right click: it calls `onLongPress`,
 * swallows the tap that would follow when the finger lifts, and keeps the browser's own menu away.
 * Our own timer rather than `contextmenu`, which not every touch browser sends. Mice and pens are
 * left alone.
 */
export function useLongPress(onLongPress: (() => void) | undefined) {
  const press = useRef<{ timer: ReturnType<typeof setTimeout>; x: number; y: number } | null>(null);
  const fired = useRef(false);
  const cancel = () => {
    if (press.current) clearTimeout(press.current.timer);
    press.current = null;
  };
  if (!onLongPress) return {};
  return {
    onPointerDown(event: PointerEvent) {
      // A lifted finger does not always click after a long press: forget it at the next press.
      fired.current = false;
      if (event.pointerType !== "touch") return;
      cancel();
      press.current = {
        x: event.clientX,
        y: event.clientY,
        timer: setTimeout(() => {
          press.current = null;
          fired.current = true;
          onLongPress();
        }, HOLD_MS),
      };
    },
    onPointerMove(event: PointerEvent) {
      if (press.current && Math.hypot(event.clientX - press.current.x, event.clientY - press.current.y) > SLOP_PX) cancel();
    },
    onPointerUp: cancel,
    onPointerCancel: cancel,
    onClickCapture(event: MouseEvent) {
      if (!fired.current) return;
      fired.current = false;
      event.preventDefault();
      event.stopPropagation();
    },
    onContextMenu(event: MouseEvent) {
      if ((event.nativeEvent as globalThis.PointerEvent).pointerType === "touch") event.preventDefault();
    },
  };
}
