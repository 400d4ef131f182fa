"use client";

import type { RouterOutputs } from "@chat/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useContext, useMemo } from "react";

import { useTRPC } from "~/trpc/react";

export type ServerEmoji = RouterOutputs["emoji"]["list"][number];

const none: ServerEmoji[] = [];

/** A server's custom emoji, oldest first (kept current by `user.onEvent`'s `emojis` events); none outside a server. */
export function useServerEmojis(serverId: string | null): ServerEmoji[] {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.emoji.list.queryOptions({ serverId: serverId ?? "0" }), enabled: serverId !== null, staleTime: Infinity });
  return (serverId !== null && query.data) || none;
}

/** Writes an `emojis` event into the cache (the server's emoji as they now stand), or asks again after one's own change. */
export function useEmojiCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(
    () => ({
      setEmojis: (serverId: string, emojis: ServerEmoji[]) => queryClient.setQueryData(trpc.emoji.list.queryKey({ serverId }), emojis),
      invalidate: (serverId: string) => queryClient.invalidateQueries(trpc.emoji.list.queryFilter({ serverId })),
    }),
    [trpc, queryClient],
  );
}

/** The emoji of the server on screen, by id, for what renders messages and reactions deep in the tree. */
export const EmojiContext = createContext<ReadonlyMap<string, ServerEmoji>>(new Map());

export function useEmojiById(): ReadonlyMap<string, ServerEmoji> {
  return useContext(EmojiContext);
}

export function useEmojiMap(emojis: ServerEmoji[]): ReadonlyMap<string, ServerEmoji> {
  return useMemo(() => new Map(emojis.map((emoji) => [emoji.id, emoji])), [emojis]);
}
