"use client";

import { useMutation } from "@tanstack/react-query";
import { LogOut } from "lucide-react";

import { Avatar } from "~/components/ui/avatar";
import { IconButton } from "~/components/ui/button";
import { useTRPC } from "~/trpc/react";

import { useViewer } from "./use-viewer";

/** The signed-in user at the foot of the channel column, with log out. */
export function UserPanel() {
  const trpc = useTRPC();
  const viewer = useViewer();
  // A full page load afterwards drops every cached query and the live socket of the old session.
  const logout = useMutation(trpc.auth.logout.mutationOptions({ onSettled: () => window.location.assign("/login") }));

  return (
    <div className="flex items-center gap-2 bg-[#232428] px-2 py-2">
      {viewer && <Avatar name={viewer.username} size="sm" online />}
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-semibold text-strong">{viewer?.username}</p>
        <p className="truncate text-xs text-muted">Online</p>
      </div>
      <IconButton label="Log out" onClick={() => logout.mutate()} disabled={logout.isPending}>
        <LogOut className="size-[18px]" aria-hidden />
      </IconButton>
    </div>
  );
}
