"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useMemo } from "react";

import { useTRPC } from "~/trpc/react";

import {
  type Conversation,
  type ConversationSummary,
  conversationHref,
  dropConversation,
  setConversationMuted,
  touchConversation,
  upsertConversation,
} from "./conversation-cache";

/** The viewer's DMs and groups, latest activity first (`user.onEvent` keeps them current through `useConversationCache`). */
export function useConversations() {
  const trpc = useTRPC();
  return useQuery(trpc.dm.list.queryOptions());
}

/** Writes `conversation` events and new messages into the cached `dm.list`. */
export function useConversationCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const key = trpc.dm.list.queryKey();
    const change = (update: (list: Conversation[]) => Conversation[]) => queryClient.setQueryData(key, (list) => list && update(list));
    return {
      upsert: (summary: ConversationSummary) => change((list) => upsertConversation(list, summary)),
      drop: (channelId: string) => change((list) => dropConversation(list, channelId)),
      setMuted: (channelId: string, muted: boolean) => change((list) => setConversationMuted(list, channelId, muted)),
      /** The conversation as the viewer has it (its mute), if the list is loaded. */
      get: (channelId: string) => queryClient.getQueryData(key)?.find((conversation) => conversation.id === channelId),
      refetch: () => void queryClient.invalidateQueries({ queryKey: key }),
      /** A message arrived; one for a conversation the list does not hold reads the list again. */
      touch(channelId: string, messageId: string) {
        const list = queryClient.getQueryData(key);
        const touched = list && touchConversation(list, channelId, messageId);
        if (!touched) void queryClient.invalidateQueries({ queryKey: key });
        else if (touched !== list) queryClient.setQueryData(key, touched);
      },
    };
  }, [queryClient, trpc]);
}

/** Opens (or finds) the DM with someone and goes to it; `error` says why it was refused (their privacy, a block). */
export function useOpenDm() {
  const trpc = useTRPC();
  const router = useRouter();
  const cache = useConversationCache();
  return useMutation(
    trpc.dm.open.mutationOptions({
      onSuccess: (summary) => {
        cache.upsert(summary);
        router.push(conversationHref(summary.id));
      },
    }),
  );
}

/** Mutes or unmutes a DM or group for the viewer: no toasts, notifications or unread marks while muted. */
export function useMuteConversation(channelId: string) {
  const trpc = useTRPC();
  const cache = useConversationCache();
  return useMutation(
    trpc.dm.setMuted.mutationOptions({
      onMutate: (input) => cache.setMuted(channelId, input.muted),
      onError: () => cache.refetch(),
    }),
  );
}
