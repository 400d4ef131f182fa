"use client";

import { useQuery } from "@tanstack/react-query";
import { Clock, Crown } from "lucide-react";

import { Avatar, type DotStatus } from "~/components/ui/avatar";
import { Skeleton } from "~/components/ui/skeleton";
import type { Person } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { formatExact } from "../messages/format-time";
import { useViewer } from "../shell/use-viewer";
import { groupMembers } from "./group-members";
import { MemberActions } from "./member-actions";
import { type Presence, usePresenceMap } from "./presence-cache";

const statusLabels: Record<DotStatus, string> = { online: "online", idle: "idle", dnd: "do not disturb", offline: "offline" };

function CustomStatusLine({ custom }: { custom: Presence["custom"] }) {
  if (!custom) return null;
  return (
    <span data-custom-status className="truncate text-xs text-muted">
      {custom.emoji && <span className="mr-1">{custom.emoji}</span>}
      {custom.text}
    </span>
  );
}

/** The right column: members by role, online first, each with a live presence dot, custom status and moderation actions. */
export function MemberList({ serverId, className }: { serverId: string; className?: string }) {
  const trpc = useTRPC();
  const members = useQuery(trpc.member.list.queryOptions({ serverId }));
  const presence = usePresenceMap(serverId);
  const server = useQuery(trpc.server.get.queryOptions({ serverId }));
  const viewer = useViewer();
  const me: Person | undefined = viewer && server.data && { userId: viewer.id, role: server.data.role };
  // The viewer is online to themselves whatever the socket last said (invisible included).
  const statusOf = (userId: string): DotStatus => {
    const status = presence[userId]?.status ?? "offline";
    return userId === viewer?.id && status === "offline" ? "online" : status;
  };
  const groups = groupMembers(members.data ?? [], (userId) => statusOf(userId) !== "offline");

  return (
    <aside aria-label="Members" className={cn("scrollbar-thin w-60 shrink-0 overflow-y-auto bg-panel px-2 py-4", className)}>
      {members.isPending && (
        <div className="flex flex-col gap-3 px-2">
          {Array.from({ length: 5 }, (_, index) => (
            <div key={index} className="flex items-center gap-3">
              <Skeleton className="size-8 rounded-full" />
              <Skeleton className="h-4 w-24" />
            </div>
          ))}
        </div>
      )}
      {groups.map((group) => (
        <section key={group.role} aria-label={group.label} className="mb-4">
          <h2 className="px-2 pb-1 text-xs font-semibold tracking-wide text-muted uppercase">
            {group.label} — {group.members.length}
          </h2>
          <ul>
            {group.members.map((member) => (
              <li
                key={member.userId}
                data-user={member.username}
                className={cn("group flex items-center gap-3 rounded-md px-2 py-1.5 hover:bg-hover", !member.online && "opacity-45")}
              >
                <Avatar name={member.username} size="sm" online={statusOf(member.userId)} />
                <span className="flex min-w-0 flex-1 flex-col">
                  <span className="truncate text-[15px] font-medium text-text">{member.username}</span>
                  <CustomStatusLine custom={presence[member.userId]?.custom} />
                </span>
                {member.role === "owner" && <Crown className="size-3.5 shrink-0 text-warning" aria-label="Owner" />}
                {member.timedOutUntil && member.timedOutUntil > new Date() && (
                  <span title={`Timed out until ${formatExact(member.timedOutUntil)}`} className="flex shrink-0">
                    <Clock className="size-3.5 text-[#fa777c]" aria-label={`Timed out until ${formatExact(member.timedOutUntil)}`} />
                  </span>
                )}
                <MemberActions serverId={serverId} viewer={me} member={member} />
                <span className="sr-only">{statusLabels[statusOf(member.userId)]}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
