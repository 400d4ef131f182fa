"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";

import { Button } from "~/components/ui/button";
import { HeaderPanel } from "~/components/ui/header-panel";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { formatExact } from "../messages/format-time";
import { shownName } from "../people/shown-name";
import { highlight } from "./highlight";

/** The hits for a search, under the header: a result opens its channel. */
export function SearchResults({ serverId, query, onClose }: { serverId: string; query: string; onClose: () => void }) {
  const t = useTranslations("search.results");
  const locale = useLocale();
  const describeError = useDescribeError();
  const trpc = useTRPC();
  const router = useRouter();
  const results = useInfiniteQuery(
    trpc.message.search.infiniteQueryOptions({ serverId, query }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const hits = results.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <HeaderPanel
      label={t("label")}
      status={
        results.isPending
          ? t("searching")
          : results.isError
            ? describeError(results.error)
            : t(results.hasNextPage ? "countMore" : "count", { count: hits.length })
      }
      closeLabel={t("close")}
      onClose={onClose}
    >
      <ol className="flex flex-col">
        {hits.map((hit) => (
          <li key={hit.id}>
            <button
              type="button"
              onClick={() => {
                onClose();
                router.push(`/channels/${serverId}/${hit.channelId}`);
              }}
              className="w-full px-3 py-2 text-left hover:bg-hover"
            >
              <span className="flex items-baseline gap-2 text-xs text-muted">
                <span className="font-semibold text-strong">{hit.author ? shownName(hit.author) : t("deletedUser")}</span>
                <span>#{hit.channelName}</span>
                <time dateTime={hit.createdAt.toISOString()}>{formatExact(hit.createdAt, locale)}</time>
              </span>
              <span className="mt-0.5 block text-sm break-words whitespace-pre-wrap text-text">{highlight(hit.content, query)}</span>
            </button>
          </li>
        ))}
      </ol>
      {results.hasNextPage && (
        <Button variant="link" className="m-2" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
          {results.isFetchingNextPage ? t("loading") : t("more")}
        </Button>
      )}
    </HeaderPanel>
  );
}
