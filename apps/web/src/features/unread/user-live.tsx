"use client";

import type { UserEvent } from "@chat/api";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useTranslations } from "next-intl";
import { useParams, useRouter } from "next/navigation";
import { useCallback, useRef, useState } from "react";

import { AtSign, X } from "~/components/icons";
import { useTRPC } from "~/trpc/react";

import { conversationHref } from "../conversations/conversation-cache";
import { useConversationCache } from "../conversations/use-conversations";
import { useRefreshChannelViewers, useReplaceMember } from "../members/use-member-cache";
import { useApplyFriendPresence, useRefreshRelationships } from "../people/use-relationships";
import { useEmojiCache } from "../emojis/use-emojis";
import { useRoleCache } from "../roles/use-roles";
import type { Removal } from "../servers/use-removal";
import { useViewer } from "../shell/use-viewer";
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
 * current across all their servers (roles and members' roles too) and their DMs and groups, and raises a toast (or a browser
 * notification while the tab is hidden) for what notifies the viewer elsewhere (the server's `preview`: by their level). A kick or ban goes to `onRemoved`; leaving
 * or being removed from the open group goes Home.
 */
export function UserLive({ onRemoved }: { onRemoved: (removal: Removal) => void }) {
  const t = useTranslations("unread");
  const tNotification = useTranslations("unread.notification");
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useReadCache();
  const conversations = useConversationCache();
  const replaceMember = useReplaceMember();
  const refreshViewers = useRefreshChannelViewers();
  const refreshRelationships = useRefreshRelationships();
  const applyFriendPresence = useApplyFriendPresence();
  const roleCache = useRoleCache();
  const emojiCache = useEmojiCache();
  const viewerId = useViewer()?.id;
  const { channelId: openChannelId } = useParams<{ channelId?: string }>();
  const openChannel = useRef(openChannelId);
  openChannel.current = openChannelId;
  const [toasts, setToasts] = useState<Toast[]>([]);

  const dismiss = useCallback((id: string) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);

  const onMessage = useCallback(
    (event: MessageEvent) => {
      const { serverId, channelId } = event;
      const looking = channelId === openChannel.current && document.visibilityState === "visible";
      if (serverId === null) conversations.touch(channelId, event.messageId);
      // The open channel marks itself read as messages arrive; bumping it would only flicker.
      if (!looking) {
        const cached = cache.channels(serverId, (channels) => bumpChannel(channels, channelId, event.mentioned));
        if (!cached && serverId !== null) cache.servers((servers) => bumpServer(servers, serverId, event.mentioned));
      }
      const muted = (serverId === null ? conversations.get(channelId)?.muted : cache.serverOf(serverId)?.muted) ?? false;
      if (!deservesNotice(event, muted, looking)) return;
      const href = serverId === null ? conversationHref(channelId) : `/channels/${serverId}/${channelId}`;
      const text = notificationText(event, tNotification);
      if (notifyInBrowser(text, channelId, () => router.push(href))) return;
      setToasts((current) => [...current.slice(-2), { id: event.messageId, href, ...text }]);
      setTimeout(() => dismiss(event.messageId), TOAST_MS);
    },
    [cache, conversations, router, dismiss, tNotification],
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
          if (event.serverId === null) return conversations.setMuted(event.channelId, event.muted);
          return void cache.servers((servers) => setMuted(servers, event.serverId, event.muted));
        case "notify":
          if (event.channelId === null) return void cache.serverNotify(event.serverId, event.level);
          return cache.channelNotify(event.serverId, event.channelId, event.level);
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
          // A channel that appeared, went or moved may show or hide a category (a member sees only those holding a channel they see).
          if (event.action !== "updated") cache.refetchCategories(event.serverId);
          else refreshViewers(event.serverId, event.channel.id);
          return cache.refetch(event.serverId);
        case "category":
          // A deleted category's channels moved too.
          cache.refetchCategories(event.serverId);
          return cache.refetch(event.serverId);
        case "member":
          replaceMember(event.serverId, event.member);
          // The viewer's own roles changed: so did what they may do.
          if (event.member.userId === viewerId) roleCache.refreshStanding(event.serverId);
          return;
        case "roles":
          return roleCache.setRoles(event.serverId, event.roles);
        case "serverIcon":
          return void cache.servers((servers) => servers.map((server) => (server.id === event.serverId ? { ...server, iconUrl: event.iconUrl } : server)));
        case "emojis":
          return void emojiCache.setEmojis(event.serverId, event.emojis);
        case "conversation":
          if (event.action === "updated") return conversations.upsert(event.conversation);
          conversations.drop(event.conversation.id);
          // Removed from the group on screen (or left it in another tab): its history is gone.
          if (event.conversation.id === openChannel.current) router.push("/channels");
          return;
        case "relationship":
          return refreshRelationships();
        case "presence":
          return void applyFriendPresence(event);
        case "sync":
          refreshRelationships();
          cache.refetchCategories();
          return cache.refetch();
      }
    },
    [cache, conversations, router, onMessage, onRemoved, replaceMember, refreshViewers, roleCache, emojiCache, viewerId, refreshRelationships, applyFriendPresence],
  );

  useSubscription(trpc.user.onEvent.subscriptionOptions(undefined, { onData: onEvent }));

  if (toasts.length === 0) return null;
  return (
    <ol aria-label={t("toasts.label")} className="fixed right-4 bottom-4 z-50 flex w-80 flex-col gap-2">
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
          <button type="button" aria-label={t("toasts.dismiss")} onClick={() => dismiss(toast.id)} className="rounded p-0.5 text-muted hover:bg-hover">
            <X className="size-4" aria-hidden />
          </button>
        </li>
      ))}
    </ol>
  );
}
