"use client";

import type { ReactNode } from "react";

import { Users } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";

import { useShell } from "./shell-state";

/**
 * A list beside the conversation on wide screens and over it, with a backdrop that closes it, on narrow ones (a
 * server's members, a group's people); the header's button shows and hides it.
 */
export function SidePanel({ closeLabel, children }: { closeLabel: string; children: ReactNode }) {
  const { membersOpen, toggleMembers } = useShell();
  if (!membersOpen) return null;
  return (
    <>
      <button type="button" aria-label={closeLabel} tabIndex={-1} onClick={toggleMembers} className="fixed inset-0 z-20 bg-black/50 lg:hidden" />
      <div className="fixed inset-y-0 right-0 z-30 flex shadow-2xl lg:static lg:z-auto lg:shadow-none">{children}</div>
    </>
  );
}

/** The header's button that shows and hides the side panel, pressed while it shows. */
export function SidePanelToggle({ show, hide }: { show: string; hide: string }) {
  const { membersOpen, toggleMembers } = useShell();
  return (
    <IconButton label={membersOpen ? hide : show} aria-pressed={membersOpen} onClick={toggleMembers} className={cn(membersOpen && "text-strong")}>
      <Users className="size-5" aria-hidden />
    </IconButton>
  );
}
