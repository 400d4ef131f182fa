"use client";

import type { UserEvent } from "@chat/api";
import { useSubscription } from "@trpc/tanstack-react-query";
import { AtSign, X } from "lucide-react";
import { useParams, useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";

import { useTRPC } from "~/trpc/react";

import { useReplaceMember } from "../members/use-member-cache";
import type { Removal } from "../servers/removal-notice";
import { type MessageEvent, deservesNotice, notificationText, notifyInBrowser } from "./notifications";
import { bumpChannel, bumpServer, isAfter, setMuted } from "./unread-cache";
import { useReadCache } from "./use-read-cache";

const TOAST_MS = 8000;

interface Toast {
  id: string;
  href: string;
  title: string;
  body: string;
}

/**
 * The user's live event stream (`user.onEvent`): keeps unread counts, mutes and channel lists
 * current across all their servers, and raises a toast (or a browser notification while the tab
 * is hidden) for a mention or a reply elsewhere. A kick or ban goes to `onRemoved`.
 */
export function UserLive({ onRemoved }: { onRemoved: (removal: Removal) => void }) {
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useReadCache();
  const replaceMember = useReplaceMember();
  const { channelId: openChannelId } = useParams<{ channelId?: string }>();
  const openChannel = useRef(openChannelId);
  openChannel.current = openChannelId;
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: string) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  const onMessage = useCallback(
    (event: MessageEvent) => {
      const looking = event.channelId === openChannel.current && document.visibilityState === "visible";
      // The open channel marks itself read as messages arrive; bumping it would only flicker.
      if (!looking) {
        const cached = cache.channels(event.serverId, (channels) => bumpChannel(channels, event.channelId, event.mentioned));
        if (!cached) cache.servers((servers) => bumpServer(servers, event.serverId, event.mentioned));
      }
      const muted = cache.serverOf(event.serverId)?.muted ?? false;
      if (!deservesNotice(event, muted, looking)) return;
      const href = `/channels/${event.serverId}/${event.channelId}`;
      const text = notificationText(event);
      if (notifyInBrowser(text, () => router.push(href))) return;
      setToasts((current) => [...current.slice(-2), { id: event.messageId, href, ...text }]);
      setTimeout(() => dismiss(event.messageId), TOAST_MS);
    },
    [cache, router, dismiss],
  );

  const onEvent = useCallback(
    (event: UserEvent) => {
      switch (event.type) {
        case "message":
          return onMessage(event);
        case "messageDeleted": {
          const channel = cache.channelsOf(event.serverId)?.find((candidate) => candidate.id === event.channelId);
          if (!channel || isAfter(event.messageId, channel.lastReadId)) cache.refetch(event.serverId);
          return;
        }
        case "muted":
          return void cache.servers((servers) => setMuted(servers, event.serverId, event.muted));
        case "read": {
          // This tab's own reads are in the cache already; another tab's are fetched.
          const channel = cache.channelsOf(event.serverId)?.find((candidate) => candidate.id === event.channelId);
          if (!channel || isAfter(event.lastReadId, channel.lastReadId)) cache.refetch(event.serverId);
          return;
        }
        case "membership":
          if (event.action === "kicked" || event.action === "banned") {
            onRemoved({ serverId: event.serverId, serverName: event.serverName, reason: event.action, banReason: event.banReason });
          }
          return cache.refetch(event.serverId);
        case "channel":
          return cache.refetch(event.serverId);
        case "member":
          return void replaceMember(event.serverId, event.member);
        case "sync":
          return cache.refetch();
      }
    },
    [cache, onMessage, onRemoved, replaceMember],
  );

  useSubscription(trpc.user.onEvent.subscriptionOptions(undefined, { onData: onEvent }));

  if (toasts.length === 0) return null;
  return (
    <ol aria-label="Notifications" className="fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
      {toasts.map((toast) => (
        <li key={toast.id} role="status" className="flex items-start gap-3 rounded-lg border border-line bg-panel p-3 shadow-lg">
          <AtSign className="mt-0.5 size-5 shrink-0 text-brand" aria-hidden />
          <button
            type="button"
            className="min-w-0 flex-1 text-left"
            onClick={() => {
              dismiss(toast.id);
              router.push(toast.href);
            }}
          >
            <span className="block text-sm font-semibold text-strong">{toast.title}</span>
            <span className="block truncate text-sm text-muted">{toast.body}</span>
          </button>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(toast.id)} className="rounded p-0.5 text-muted hover:bg-hover">
            <X className="size-4" aria-hidden />
          </button>
        </li>
      ))}
    </ol>
  );
}
