"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useId, useRef } from "react";

import { X } from "~/components/icons";
import { cn } from "~/lib/cn";

import { Button, IconButton } from "./button";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: "md" | "lg";
}

/**
 * A modal on the native <dialog>: the browser traps focus, closes it on Escape and restores focus
 * on close. Its content mounts only while open, so every opening starts with a fresh form.
 */
export function Dialog({ open, onClose, title, description, children, size = "md" }: DialogProps) {
  const t = useTranslations("ui.dialog");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);
  // The browser gives focus back on close() but not when an open dialog leaves the page, as one mounted
  // only while needed (loaded on first use) does: give it back to what opened it all the same.
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open && !dialog.isConnected && opener.current instanceof HTMLElement) opener.current.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onClose={onClose}
      onClick={(event) => event.target === event.currentTarget && onClose()}
      // In the top layer wherever it sits in the page, but CSS still inherits: a dialog opened from a
      // toolbar that only takes the pointer while hovered (a member's actions) must take it regardless.
      className={cn(
        "pointer-events-auto m-auto w-[calc(100%-2rem)] rounded-lg bg-chat p-0 text-text shadow-2xl backdrop:backdrop-blur-[1px]",
        size === "lg" ? "max-w-2xl" : "max-w-md",
      )}
    >
      {open && (
        <div className="flex flex-col gap-4 p-5">
          <header className="flex items-start justify-between gap-4">
            <div className="flex flex-col gap-1">
              <h2 id={titleId} className="text-xl font-bold text-strong">
                {title}
              </h2>
              {description && (
                <p id={descriptionId} className="text-sm text-muted">
                  {description}
                </p>
              )}
            </div>
            <IconButton label={t("close")} onClick={onClose} className="-mt-1 -mr-2">
              <X className="size-5" aria-hidden />
            </IconButton>
          </header>
          {children}
        </div>
      )}
    </dialog>
  );
}

/** The buttons that end a dialog or a confirmation in it: Cancel, then the action (`children`). */
export function DialogActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  const t = useTranslations("ui.dialog");
  return (
    <div className="flex justify-end gap-2">
      <Button variant="ghost" onClick={onCancel}>
        {t("cancel")}
      </Button>
      {children}
    </div>
  );
}
