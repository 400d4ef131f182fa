"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";

import { useTRPC } from "~/trpc/react";

import { type ChannelWithReadState, type ServerWithReadState, withTotals } from "./unread-cache";

/** Writes to the cached channel lists and server list; each change of a channel list recomputes its server's totals. */
export function useReadCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const servers = (change: (servers: ServerWithReadState[]) => ServerWithReadState[]) =>
      queryClient.setQueryData(trpc.server.list.queryKey(), (current) => current && change(current));
    return {
      servers,
      /** Changes a server's channel list if it is cached (true), and its totals with it. */
      channels(serverId: string, change: (channels: ChannelWithReadState[]) => ChannelWithReadState[]): boolean {
        const updated = queryClient.setQueryData(trpc.channel.list.queryKey({ serverId }), (current) => current && change(current));
        if (updated) servers((current) => withTotals(current, serverId, updated));
        return updated !== undefined;
      },
      channelsOf: (serverId: string) => queryClient.getQueryData(trpc.channel.list.queryKey({ serverId })),
      serverOf: (serverId: string) => queryClient.getQueryData(trpc.server.list.queryKey())?.find((server) => server.id === serverId),
      /** Reads both again from the server (after a reconnect, a deletion, another tab's read). */
      refetch(serverId?: string) {
        void queryClient.invalidateQueries(trpc.server.list.queryFilter());
        void queryClient.invalidateQueries(serverId ? trpc.channel.list.queryFilter({ serverId }) : trpc.channel.list.queryFilter());
      },
    };
  }, [queryClient, trpc]);
}
