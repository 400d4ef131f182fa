"use client";

import { useQuery } from "@tanstack/react-query";
import { Hash, Plus, Settings } from "lucide-react";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";

import { IconButton } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";
import { can } from "~/lib/can";
import { cn } from "~/lib/cn";
import { useTRPC } from "~/trpc/react";

import { ServerHeader } from "../servers/server-header";
import { MentionBadge } from "../unread/count-badge";
import { useNavColumnClass } from "../shell/app-frame";
import { useMembership } from "../shell/use-viewer";
import { UserPanel } from "../shell/user-panel";
import { type Channel, ChannelDialog } from "./channel-dialog";

/** The second column: the server's name and menu, its channels, and the signed-in user. */
export function ChannelSidebar({ serverId }: { serverId: string }) {
  const trpc = useTRPC();
  const channels = useQuery(trpc.channel.list.queryOptions({ serverId }));
  const muted = useQuery(trpc.server.list.queryOptions()).data?.find((server) => server.id === serverId)?.muted ?? false;
  const membership = useMembership(serverId);
  const { channelId } = useParams<{ channelId?: string }>();
  const [editing, setEditing] = useState<Channel | "new" | null>(null);
  const canCreate = can("channel.create", membership);
  const canEdit = can("channel.update", membership);
  const columnClass = useNavColumnClass("left-[72px]");

  return (
    <aside aria-label="Channels" className={cn("w-60 shrink-0 flex-col bg-panel", columnClass)}>
      <ServerHeader serverId={serverId} />
      <nav aria-label="Text channels" className="scrollbar-thin flex-1 overflow-y-auto px-2 py-3">
        <div className="flex items-center justify-between pr-1 pl-2">
          <h2 className="text-xs font-semibold tracking-wide text-muted uppercase">Text channels</h2>
          {canCreate && (
            <IconButton label="Create channel" className="size-6" onClick={() => setEditing("new")}>
              <Plus className="size-4" aria-hidden />
            </IconButton>
          )}
        </div>
        <ul className="mt-1 flex flex-col gap-0.5">
          {channels.isPending &&
            Array.from({ length: 4 }, (_, index) => (
              <li key={index} className="px-2 py-1.5">
                <Skeleton className="h-5 w-32" />
              </li>
            ))}
          {channels.data?.map((channel) => {
            const active = channel.id === channelId;
            // A muted server shows no unread marks; mentions still count.
            const unread = !active && !muted && channel.unreadCount > 0;
            return (
              <li key={channel.id} className="group relative">
                {unread && <span aria-hidden className="absolute top-1/2 -left-2 h-2 w-1 -translate-y-1/2 rounded-r bg-strong" />}
                <Link
                  href={`/channels/${serverId}/${channel.id}`}
                  aria-current={active ? "page" : undefined}
                  data-unread={unread || undefined}
                  className={cn(
                    "flex items-center gap-1.5 rounded-md px-2 py-1.5 text-[15px] transition-colors",
                    active ? "bg-active text-strong" : unread ? "font-semibold text-strong hover:bg-hover" : "text-muted hover:bg-hover hover:text-text",
                    canEdit && "pr-9",
                  )}
                >
                  <Hash className="size-5 shrink-0 text-faint" aria-hidden />
                  <span className="truncate">{channel.name}</span>
                  {unread && <span className="sr-only">(unread)</span>}
                  {!active && <MentionBadge count={channel.mentionCount} className={cn("ml-auto", canEdit && "group-hover:hidden")} />}
                </Link>
                {canEdit && (
                  <IconButton
                    label={`Edit channel ${channel.name}`}
                    onClick={() => setEditing(channel)}
                    className="absolute top-1/2 right-1 size-7 -translate-y-1/2 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100"
                  >
                    <Settings className="size-4" aria-hidden />
                  </IconButton>
                )}
              </li>
            );
          })}
        </ul>
        {channels.data?.length === 0 && (
          <p className="px-2 py-3 text-sm text-muted">{canCreate ? "No channels yet. Create one with +." : "No channels yet."}</p>
        )}
      </nav>
      <UserPanel />
      <ChannelDialog serverId={serverId} channel={editing} onClose={() => setEditing(null)} />
    </aside>
  );
}
