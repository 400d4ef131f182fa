"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";

export type Status = "online" | "offline";
export type PresenceMap = Readonly<Record<string, Status>>;

/** Who is online in a server, as the presence subscription reports it, kept in the query cache. */
export const presenceKey = (serverId: string) => ["presence", { serverId }] as const;

export function usePresenceMap(serverId: string): PresenceMap {
  const queryClient = useQueryClient();
  const key = presenceKey(serverId);
  return useQuery({
    queryKey: key,
    // Never fetched: only the live subscription writes here; until it does, nobody is known online.
    queryFn: () => queryClient.getQueryData<PresenceMap>(key) ?? {},
    initialData: {},
    staleTime: Infinity,
  }).data;
}
