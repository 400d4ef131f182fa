"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";

import { useTRPC } from "~/trpc/react";

import { useRoles } from "../roles/use-roles";
import type { Member } from "./group-members";

/** A server's members (roles, names, timeouts). */
export function useMembers(serverId: string) {
  const trpc = useTRPC();
  return useQuery(trpc.member.list.queryOptions({ serverId }));
}

/**
 * Who can see a channel (`member.list` with its id), as their user ids; disabled without one.
 * Asked again when the channel is announced updated (its overwrites changed: `useRefreshChannelViewers`),
 * and once the server's members or roles, which arrive live in their own lists, are newer than
 * this answer (a role given or taken, its permissions, a member gone).
 */
export function useChannelViewers(serverId: string, channelId: string | undefined) {
  const trpc = useTRPC();
  const viewers = useQuery({
    ...trpc.member.list.queryOptions({ serverId, channelId }),
    enabled: channelId !== undefined,
    select: (members) => new Set(members.map((member) => member.userId)),
  });
  const changed = Math.max(useMembers(serverId).dataUpdatedAt, useRoles(serverId).dataUpdatedAt);
  const { dataUpdatedAt, refetch } = viewers;
  useEffect(() => {
    if (channelId !== undefined && dataUpdatedAt > 0 && dataUpdatedAt < changed) void refetch();
  }, [channelId, dataUpdatedAt, changed, refetch]);
  return viewers;
}

/** Marks who can see the channel as stale (its overwrites changed): the member list beside it asks again. */
export function useRefreshChannelViewers() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (serverId: string, channelId: string) => void queryClient.invalidateQueries(trpc.member.list.queryFilter({ serverId, channelId })),
    [trpc, queryClient],
  );
}

/** Puts a member's new state (a timeout set or lifted, a role given or taken) into their server's cached member list. */
export function useReplaceMember() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(
    (serverId: string, member: Member) =>
      queryClient.setQueryData(trpc.member.list.queryKey({ serverId }), (members) =>
        members?.map((current) => (current.userId === member.userId ? member : current)),
      ),
    [trpc, queryClient],
  );
}
