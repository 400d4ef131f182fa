"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

import { useTRPC } from "~/trpc/react";

import { isAfter, readChannel } from "./unread-cache";
import { useReadCache } from "./use-read-cache";

const SETTLE_MS = 300;

/**
 * Marks the open channel read up to its newest message whenever one arrives while the tab is
 * visible, and when the tab becomes visible again. Answers where the channel was read up to
 * when it was opened: the "new messages" divider sits after that message. `serverId` null: a DM or group.
 */
export function useMarkRead(serverId: string | null, channelId: string, newestId: string | null | undefined): string | undefined {
  const trpc = useTRPC();
  const cache = useReadCache();
  const lastRead = () => cache.channelsOf(serverId)?.find((channel) => channel.id === channelId);
  const [openedAt] = useState(() => lastRead()?.lastReadId);
  const [visible, setVisible] = useState(true);
  const { mutate } = useMutation(
    trpc.channel.markRead.mutationOptions({
      onSuccess: (state) => cache.channels(serverId, (channels) => readChannel(channels, state)),
    }),
  );

  useEffect(() => {
    const update = () => setVisible(document.visibilityState === "visible");
    update();
    document.addEventListener("visibilitychange", update);
    return () => document.removeEventListener("visibilitychange", update);
  }, []);

  // Marks wait a moment, so that a burst of messages costs one call; leaving the channel sends
  // the waiting one at once.
  const pending = useRef<string | null>(null);
  const flush = useCallback(() => {
    if (pending.current) mutate({ channelId, messageId: pending.current });
    pending.current = null;
  }, [channelId, mutate]);

  useEffect(() => {
    if (!newestId || !visible) return;
    const channel = lastRead();
    if (channel && channel.unreadCount === 0 && !isAfter(newestId, channel.lastReadId)) return;
    pending.current = newestId;
    const timer = setTimeout(flush, SETTLE_MS);
    return () => clearTimeout(timer);
    // `lastRead` reads the cache as it is now; a change of it alone is no reason to mark.
  }, [newestId, visible, flush]);

  useEffect(() => flush, [flush]);

  return openedAt;
}
