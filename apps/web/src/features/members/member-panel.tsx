"use client";

import { cn } from "~/lib/cn";

import { useShell } from "../shell/shell-state";
import { MemberList } from "./member-list";

/** The member list beside the conversation on wide screens, over it on narrow ones; it can be hidden. */
export function MemberPanel({ serverId }: { serverId: string }) {
  const { membersOpen, toggleMembers } = useShell();
  if (!membersOpen) return null;
  return (
    <>
      <button type="button" aria-label="Close member list" tabIndex={-1} onClick={toggleMembers} className="fixed inset-0 z-20 bg-black/50 lg:hidden" />
      <MemberList serverId={serverId} className={cn("fixed inset-y-0 right-0 z-30 shadow-2xl lg:static lg:z-auto lg:shadow-none")} />
    </>
  );
}
