"use client";

import { type QueryKey, useQuery, useQueryClient } from "@tanstack/react-query";

/**
 * A value that only a live subscription writes (who is typing, who is online), kept in the query
 * cache under `key` like every other piece of server state. It is never fetched; until the
 * subscription's first snapshot it is `initial`.
 */
export function useLiveValue<T>(key: QueryKey, initial: T, options: { forgetWhenUnused?: boolean } = {}): T {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: key,
    queryFn: () => queryClient.getQueryData<T>(key) ?? initial,
    initialData: initial,
    staleTime: Infinity,
    // Typing state from a past visit would be wrong on return; presence is refreshed by its snapshot.
    gcTime: options.forgetWhenUnused ? 0 : undefined,
  }).data ?? initial;
}
