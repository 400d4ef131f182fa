"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { Search, X } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

import { Button } from "~/components/ui/button";
import { useDescribeError } from "~/lib/use-describe-error";
import { useTRPC } from "~/trpc/react";

import { formatExact } from "../messages/format-time";
import { shownName } from "../people/shown-name";
import { highlight } from "./highlight";

/** Searches the server's messages; the results open under the header, and a result opens its channel. */
export function SearchBox({ serverId }: { serverId: string }) {
  const t = useTranslations("search.box");
  const [text, setText] = useState("");
  const [query, setQuery] = useState<string | null>(null);
  const close = () => setQuery(null);

  return (
    <div className="relative">
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim()) setQuery(text.trim());
        }}
        className="flex h-7 w-11 items-center rounded bg-rail px-2 text-sm transition-all focus-within:w-40 sm:w-36 sm:focus-within:w-56 pointer-coarse:h-11"
      >
        <input
          aria-label={t("label")}
          placeholder={t("placeholder")}
          value={text}
          maxLength={200}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => event.key === "Escape" && close()}
          className="min-w-0 flex-1 bg-transparent text-text outline-none placeholder:text-transparent focus:placeholder:text-faint sm:placeholder:text-faint"
        />
        <Search className="size-4 shrink-0 text-muted" aria-hidden />
      </form>
      {query && <SearchResults serverId={serverId} query={query} onClose={close} />}
    </div>
  );
}

function SearchResults({ serverId, query, onClose }: { serverId: string; query: string; onClose: () => void }) {
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
    <section
      aria-label={t("label")}
      className="scrollbar-thin absolute top-9 right-0 z-40 flex max-h-[70vh] w-[26rem] max-w-[90vw] flex-col overflow-y-auto rounded-lg border border-line bg-panel shadow-xl"
    >
      <header className="flex items-center justify-between border-b border-line px-3 py-2 text-sm text-muted">
        <span role="status">
          {results.isPending
            ? t("searching")
            : results.isError
              ? describeError(results.error)
              : t(results.hasNextPage ? "countMore" : "count", { count: hits.length })}
        </span>
        <button type="button" aria-label={t("close")} onClick={onClose} className="rounded p-0.5 hover:bg-hover">
          <X className="size-4" aria-hidden />
        </button>
      </header>
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
    </section>
  );
}
