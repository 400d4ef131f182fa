"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { Hash } from "lucide-react";
import { type Ref, useEffect, useImperativeHandle, useMemo, useRef } from "react";

import { Button } from "~/components/ui/button";
import { Skeleton } from "~/components/ui/skeleton";

import { formatDay } from "./format-time";
import { type ChatMessage, oldestFirst } from "./message-cache";
import { MessageRow } from "./message-row";
import { type Row, toRows } from "./rows";
import type { useHistory } from "./use-history";
import { useNow } from "./use-now";

export interface MessageListHandle {
  scrollToEnd: () => void;
}

export interface MessageActions {
  canDelete: (message: ChatMessage) => boolean;
  onDelete: (message: ChatMessage) => void;
  onRetry: (message: ChatMessage) => void;
  onDiscard: (message: ChatMessage) => void;
}

interface MessageListProps {
  channel: { name: string; topic: string };
  history: ReturnType<typeof useHistory>;
  actions: MessageActions;
  ref?: Ref<MessageListHandle>;
}

/** Older pages load when the reader is this many rows from the top. */
const LOAD_MORE_WITHIN = 5;

function estimateSize(row: Row | undefined): number {
  if (!row) return 160;
  if (row.kind === "day") return 56;
  const lines = Math.ceil(row.message.content.length / 90) + (row.message.content.match(/\n/g)?.length ?? 0);
  return (row.continued ? 4 : 38) + 22 * Math.max(1, lines);
}

/**
 * The conversation, virtualised so that thousands of loaded messages scroll smoothly. It opens at
 * the newest message, follows new ones while the reader is at the bottom, keeps the reader's place
 * when older pages are prepended (anchorTo: "end"), and loads older pages near the top.
 */
export function MessageList({ channel, history, actions, ref }: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const rows = useMemo(() => toRows(oldestFirst(history.data)), [history.data]);
  const virtualizer = useVirtualizer({
    count: rows.length + 1,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateSize(rows[index - 1]),
    getItemKey: (index) => (index === 0 ? "start" : rows[index - 1]!.key),
    overscan: 12,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 64,
    initialOffset: () => Number.MAX_SAFE_INTEGER,
    paddingEnd: 16,
  });
  useImperativeHandle(ref, () => ({ scrollToEnd: () => virtualizer.scrollToEnd() }), [virtualizer]);

  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index;
  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = history;
  useEffect(() => {
    if (firstIndex === undefined || firstIndex > LOAD_MORE_WITHIN) return;
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [firstIndex, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

  function renderRow(index: number) {
    const row = rows[index - 1];
    if (!row) {
      if (isFetchNextPageError) return <OlderFailed retry={() => void fetchNextPage()} />;
      return hasNextPage ? <OlderLoading /> : <ChannelStart channel={channel} />;
    }
    if (row.kind === "day") return <DaySeparator label={formatDay(row.date, now)} />;
    return (
      <MessageRow
        message={row.message}
        continued={row.continued}
        now={now}
        canDelete={actions.canDelete(row.message)}
        onDelete={actions.onDelete}
        onRetry={actions.onRetry}
        onDiscard={actions.onDiscard}
      />
    );
  }

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={`Messages in #${channel.name}`}
      aria-busy={isFetchingNextPage}
      className="scrollbar-thin flex min-h-0 flex-1 flex-col overflow-x-hidden overflow-y-auto [overflow-anchor:none] focus-visible:outline-offset-[-2px]"
    >
      <div className="relative mt-auto w-full shrink-0" style={{ height: virtualizer.getTotalSize() }}>
        <div className="absolute top-0 left-0 w-full" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
          {items.map((item) => {
            const row = rows[item.index - 1];
            const spaced = row?.kind === "message" && !row.continued;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className={spaced ? "pt-4" : undefined}>
                {renderRow(item.index)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function DaySeparator({ label }: { label: string }) {
  return (
    <div role="separator" aria-label={label} className="mx-4 mt-6 mb-2 flex items-center gap-2">
      <span className="h-px flex-1 bg-line" />
      <span className="text-xs font-semibold text-muted">{label}</span>
      <span className="h-px flex-1 bg-line" />
    </div>
  );
}

function ChannelStart({ channel }: { channel: { name: string; topic: string } }) {
  return (
    <div className="px-4 pt-8 pb-2">
      <div className="mb-3 flex size-16 items-center justify-center rounded-full bg-field">
        <Hash className="size-10 text-strong" aria-hidden />
      </div>
      <h2 className="text-3xl font-bold text-strong">Welcome to #{channel.name}!</h2>
      <p className="mt-1 text-muted">This is the start of the #{channel.name} channel. {channel.topic}</p>
    </div>
  );
}

function OlderLoading() {
  return (
    <div role="status" aria-label="Loading older messages" className="flex flex-col gap-5 px-4 pt-6 pb-2">
      {[0.7, 0.45, 0.6].map((width, index) => (
        <div key={index} className="flex gap-4">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-4" style={{ width: `${width * 100}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}

function OlderFailed({ retry }: { retry: () => void }) {
  return (
    <div role="alert" className="flex items-center justify-center gap-2 px-4 py-6 text-sm text-muted">
      Couldn&apos;t load older messages.
      <Button variant="link" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
