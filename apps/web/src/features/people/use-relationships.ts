"use client";

import type { RouterOutputs, UserEvent } from "@chat/api";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";

import { useTRPC } from "~/trpc/react";

export type Relationship = RouterOutputs["friend"]["list"][number] | RouterOutputs["block"]["list"][number];
export type Friend = RouterOutputs["friend"]["list"][number];

/** The name a person goes by: their display name, else their username. */
export const nameOf = (user: { username: string; displayName: string | null }) => user.displayName ?? user.username;

/**
 * Refetches the viewer's friends and blocks: what `user.onEvent`'s `relationship` events call, so
 * that a request, an acceptance or a block made anywhere shows in every tab at once.
 */
export function useRefreshRelationships() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: trpc.friend.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.block.list.queryKey() });
  }, [queryClient, trpc]);
}

/** Keeps a friend's status current from `user.onEvent`'s presence events, without a refetch. */
export function useApplyFriendPresence() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    ({ userId, status, custom }: Extract<UserEvent, { type: "presence" }>) =>
      queryClient.setQueryData(trpc.friend.list.queryKey(), (friends) =>
        friends?.map((friend) => (friend.user.id === userId && friend.kind === "friend" ? { ...friend, presence: custom ? { status, custom } : { status } } : friend)),
      ),
    [queryClient, trpc],
  );
}

/** The ids of the people the viewer blocked: their messages collapse. */
export function useBlockedIds(): ReadonlySet<string> {
  const trpc = useTRPC();
  const blocks = useQuery(trpc.block.list.queryOptions()).data;
  return useMemo(() => new Set(blocks?.map((block) => block.user.id)), [blocks]);
}
