"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import type { KeyboardEvent } from "react";

import { Hash, Lock, Settings } from "~/components/icons";
import { IconButton } from "~/components/ui/button";
import { cn } from "~/lib/cn";
import { useLongPress } from "~/lib/use-long-press";

import { MentionBadge } from "../unread/count-badge";
import type { Channel } from "./channel-dialog";
import type { SidebarDrag } from "./sidebar-drag";

interface ChannelRowProps {
  serverId: string;
  channel: Channel;
  active: boolean;
  /** A muted server shows no unread marks; mentions still count. */
  muted: boolean;
  onEdit?: () => void;
  /** With MANAGE_CHANNELS: drag and drop, and Alt+↑/↓ on the link. */
  arrange?: { drag: SidebarDrag; step: (step: -1 | 1) => void };
}

/** One channel of the sidebar: its link (a lock on a private one), unread mark and mention count, an edit button, and what reordering it takes. */
export function ChannelRow({ serverId, channel, active, muted, onEdit, arrange }: ChannelRowProps) {
  const t = useTranslations("channels.row");
  const unread = !active && !muted && channel.unreadCount > 0;
  const mark = arrange?.drag.mark?.id === channel.id ? arrange.drag.mark : null;
  const onKeyDown = (event: KeyboardEvent) => {
    if (!arrange || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    arrange.step(event.key === "ArrowUp" ? -1 : 1);
  };
  // A finger has no hover to find the edit button: a long press opens the editor, as in Discord's phone app.
  const longPress = useLongPress(onEdit);
  return (
    <li
      className={cn("group relative", mark && (mark.after ? "shadow-[0_2px_0_0] shadow-brand" : "shadow-[0_-2px_0_0] shadow-brand"))}
      data-channel-id={channel.id}
      data-private={channel.private || undefined}
      {...longPress}
      {...(arrange && { ...arrange.drag.dragChannel(channel), ...arrange.drag.channelTarget(channel) })}
    >
      {unread && <span aria-hidden className="absolute top-1/2 -left-2 h-2 w-1 -translate-y-1/2 rounded-r bg-strong" />}
      <Link
        href={`/channels/${serverId}/${channel.id}`}
        aria-current={active ? "page" : undefined}
        aria-keyshortcuts={arrange ? "Alt+ArrowUp Alt+ArrowDown" : undefined}
        data-unread={unread || undefined}
        onKeyDown={onKeyDown}
        draggable={false}
        className={cn(
          "flex items-center gap-1.5 rounded-md px-2 py-1.5 text-[15px] transition-colors pointer-coarse:min-h-11",
          active ? "bg-active text-strong" : unread ? "font-semibold text-strong hover:bg-hover" : "text-muted hover:bg-hover hover:text-text",
          onEdit && "pr-9 pointer-coarse:pr-12",
        )}
      >
        <span className="relative shrink-0 text-faint">
          <Hash className="size-5" aria-hidden />
          {channel.private && <Lock className="absolute -top-1 -right-1.5 size-3.5 rounded-sm bg-panel p-px stroke-[2.75] text-muted" aria-hidden />}
        </span>
        <span className="truncate">{channel.name}</span>
        {channel.private && <span className="sr-only">{t("private")}</span>}
        {unread && <span className="sr-only">{t("unread")}</span>}
        {!active && <MentionBadge count={channel.mentionCount} className={cn("ml-auto", onEdit && "group-hover:hidden")} />}
      </Link>
      {onEdit && (
        <IconButton
          label={t("edit", { name: channel.name })}
          onClick={onEdit}
          className={cn(
            "absolute top-1/2 right-1 size-7 -translate-y-1/2 opacity-0 group-focus-within:opacity-100 group-hover:opacity-100 focus-visible:opacity-100",
            // Without hover, the open channel's button stays in sight.
            active && "pointer-coarse:opacity-100",
          )}
        >
          <Settings className="size-4" aria-hidden />
        </IconButton>
      )}
    </li>
  );
}
