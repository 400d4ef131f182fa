"use client";

import { useQuery } from "@tanstack/react-query";

import { type Person, personOf } from "~/lib/can";
import { useTRPC } from "~/trpc/react";

/** The signed-in user, prefetched by the chat layout. */
export function useViewer() {
  const trpc = useTRPC();
  return useQuery(trpc.auth.me.queryOptions()).data;
}

/** The viewer as a member of a server (their permissions and rank come from `server.get`), for permission checks. */
export function useMembership(serverId: string): Person | undefined {
  const trpc = useTRPC();
  const viewer = useViewer();
  const server = useQuery(trpc.server.get.queryOptions({ serverId })).data;
  return viewer && server ? personOf(viewer.id, server) : undefined;
}
