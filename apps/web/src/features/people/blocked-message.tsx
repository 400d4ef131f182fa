"use client";

import { type ReactNode, useState } from "react";

import { Button } from "~/components/ui/button";

/** A message from someone the viewer blocked: collapsed to one line until they choose to see it. */
export function BlockedMessage({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  if (shown) return children;
  return (
    <div role="article" aria-label="Blocked message" data-blocked-message className="flex items-center gap-2 px-4 py-1 pl-[72px] text-sm text-muted">
      Blocked message —
      <Button variant="link" size="sm" onClick={() => setShown(true)}>
        Show
      </Button>
    </div>
  );
}
