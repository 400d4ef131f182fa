"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";

import { useTRPC } from "~/trpc/react";

import {
  type ChannelNotifyLevel,
  type NotifyLevel,
  type ReadState,
  type ServerWithReadState,
  setChannelNotify,
  setServerNotify,
  withTotals,
} from "./unread-cache";

/**
 * Writes to the cached channel lists and server list (and reads categories again); each change of a channel list
 * recomputes its server's totals. `serverId` null stands for the DMs and groups (`dm.list`), which have no server.
 */
export function useReadCache() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMemo(() => {
    const servers = (change: (servers: ServerWithReadState[]) => ServerWithReadState[]) =>
      queryClient.setQueryData(trpc.server.list.queryKey(), (current) => current && change(current));
    return {
      servers,
      /** Changes a server's channel list (or the DM list) if it is cached (true), and its server's totals with it. */
      channels(serverId: string | null, change: <T extends ReadState>(channels: T[]) => T[]): boolean {
        if (serverId === null) return queryClient.setQueryData(trpc.dm.list.queryKey(), (current) => current && change(current)) !== undefined;
        const updated = queryClient.setQueryData(trpc.channel.list.queryKey({ serverId }), (current) => current && change(current));
        if (updated) servers((current) => withTotals(current, serverId, updated));
        return updated !== undefined;
      },
      channelsOf: (serverId: string | null): ReadState[] | undefined =>
        queryClient.getQueryData(serverId === null ? trpc.dm.list.queryKey() : trpc.channel.list.queryKey({ serverId })),
      /** The viewer chose which messages of a server notify them (here or in another tab). */
      serverNotify: (serverId: string, level: NotifyLevel) => servers((current) => setServerNotify(current, serverId, level)),
      /** … or of one of its channels ("default": the server's). */
      channelNotify(serverId: string, channelId: string, level: ChannelNotifyLevel) {
        queryClient.setQueryData(trpc.channel.list.queryKey({ serverId }), (current) => current && setChannelNotify(current, channelId, level));
      },
      serverOf: (serverId: string) => queryClient.getQueryData(trpc.server.list.queryKey())?.find((server) => server.id === serverId),
      /** Reads them again from the server (after a reconnect, a deletion, another tab's read): one server's, the DMs (null), or all. */
      refetch(serverId?: string | null) {
        if (serverId !== null) void queryClient.invalidateQueries(trpc.server.list.queryFilter());
        if (serverId === undefined || serverId === null) void queryClient.invalidateQueries(trpc.dm.list.queryFilter());
        if (serverId !== null) void queryClient.invalidateQueries(serverId ? trpc.channel.list.queryFilter({ serverId }) : trpc.channel.list.queryFilter());
      },
      /** The sidebar's categories, after a change of them (or a reconnect). */
      refetchCategories(serverId?: string) {
        void queryClient.invalidateQueries(serverId ? trpc.category.list.queryFilter({ serverId }) : trpc.category.list.queryFilter());
      },
    };
  }, [queryClient, trpc]);
}
