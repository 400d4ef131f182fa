import type { ReactNode } from "react";

import { X } from "~/components/icons";

/** A panel that drops from the channel header (pins, search results): its status line, a close button, then the list. */
export function HeaderPanel({ label, status, closeLabel, onClose, children }: { label: string; status: ReactNode; closeLabel: string; onClose: () => void; children: ReactNode }) {
  return (
    <section
      aria-label={label}
      className="scrollbar-thin absolute top-9 right-0 z-40 flex max-h-[70vh] w-[26rem] max-w-[90vw] flex-col overflow-y-auto rounded-lg border border-line bg-panel shadow-xl"
    >
      <header className="flex items-center justify-between border-b border-line px-3 py-2 text-sm text-muted">
        <span role="status">{status}</span>
        <button type="button" aria-label={closeLabel} onClick={onClose} className="rounded p-0.5 hover:bg-hover">
          <X className="size-4" aria-hidden />
        </button>
      </header>
      {children}
    </section>
  );
}
