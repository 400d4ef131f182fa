import { limits } from "@chat/validators/limits";
import { infiniteQueryOptions } from "@tanstack/react-query";

import { type HistoryPage, historyKey } from "./message-cache";

export const PAGE_SIZE = limits.messagePage.default;

/**
 * A channel's history as an infinite query paging back in time through `message.list`'s keyset
 * cursor. Shared by the server render (which prefetches the newest page) and the browser.
 * Live events and the gap fill on (re)connect keep it current, so it never goes stale by time.
 */
export function historyOptions(channelId: string, fetchPage: (before: string | undefined) => Promise<HistoryPage>) {
  return infiniteQueryOptions({
    queryKey: historyKey(channelId),
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
