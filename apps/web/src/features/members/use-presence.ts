"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";

import { useTRPC } from "~/trpc/react";

import { type PresenceMap, presenceKey } from "./presence-cache";

/**
 * Keeps a server's presence in the cache: the snapshot replaces it, each change patches it. A
 * status for someone the member list does not know means they just joined: the list is refetched.
 */
export function usePresence(serverId: string): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const members = trpc.member.list.queryOptions({ serverId });

  useSubscription(
    trpc.presence.onEvent.subscriptionOptions(
      { serverId },
      {
        onData: (update) => {
          const statuses = update.type === "snapshot" ? update.statuses : [update];
          queryClient.setQueryData<PresenceMap>(presenceKey(serverId), (previous = {}) => ({
            ...(update.type === "snapshot" ? {} : previous),
            ...Object.fromEntries(statuses.map(({ userId, status, custom }) => [userId, { status, custom }])),
          }));
          const known = queryClient.getQueryData(members.queryKey);
          if (known && statuses.some(({ userId }) => !known.some((member) => member.userId === userId))) {
            void queryClient.invalidateQueries({ queryKey: members.queryKey });
          }
        },
      },
    ),
  );
}

/** Mounted once per open server, so presence stays live while the reader moves between channels. */
export function ServerLive({ serverId }: { serverId: string }) {
  usePresence(serverId);
  return null;
}
