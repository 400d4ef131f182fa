"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useMemo, useRef } from "react";

import { BlockedMessage } from "../people/blocked-message";
import { useBlockedIds } from "../people/use-relationships";
import { formatDay } from "./format-time";
import { DaySeparator, NewMessagesDivider, OlderFailed, OlderLoading } from "./list-parts";
import { oldestFirst } from "./message-cache";
import { MessageRow } from "./message-row";
import { SystemLine } from "./system-line";
import { type Row, toRows } from "./rows";
import type { useHistory } from "./use-history";
import type { MessageActions } from "./use-message-actions";
import { useNow } from "./use-now";
import { useOffsetTop } from "./use-offset-top";

export interface MessageListHandle {
  scrollToEnd: () => void;
}

interface MessageListProps {
  /** Where the messages are, for screen readers: "#general", "@Ana". */
  label: string;
  /** The top of the history, once it is all loaded (the channel's or conversation's welcome). */
  start: ReactNode;
  history: ReturnType<typeof useHistory>;
  actions: MessageActions;
  /** The first message the reader had not read when they opened the channel: a divider goes above it. */
  firstUnreadId?: string;
  ref?: Ref<MessageListHandle>;
}

/** Older pages load when the reader is this many rows from the top. */
const LOAD_MORE_WITHIN = 5;

function estimateSize(row: Row): number {
  const lines = Math.ceil(row.message.content.length / 90) + (row.message.content.match(/\n/g)?.length ?? 0);
  return (row.continued ? 4 : 42) + (row.newDay ? 50 : 0) + 22 * Math.max(1, lines);
}

/**
 * The conversation, virtualised so that thousands of loaded messages scroll smoothly. It opens at
 * the newest message, follows new ones while the reader is at the bottom, keeps the reader's place
 * when older pages are prepended (anchorTo: "end"), and loads older pages near the top. The top of
 * the history (loading, or the channel's welcome) sits above the virtual rows, not among them:
 * the virtualiser anchors on the row at the top of the view, and that must be a message.
 */
export function MessageList({ label, start, history, actions, firstUnreadId, ref }: MessageListProps) {
  const t = useTranslations("messages.list");
  const time = useTranslations("messages.time");
  const locale = useLocale();
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowsRef = useRef<HTMLDivElement>(null);
  const now = useNow();
  const blocked = useBlockedIds();
  const rows = useMemo(() => toRows(oldestFirst(history.data)), [history.data]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => estimateSize(rows[index]!),
    getItemKey: (index) => rows[index]!.key,
    scrollMargin: useOffsetTop(scrollRef, rowsRef),
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

  function renderRow(row: Row) {
    if (row.message.kind) return <SystemLine message={row.message} now={now} nameOf={actions.memberName} />;
    const rendered = (
      <MessageRow
        message={row.message}
        continued={row.continued}
        now={now}
        canDelete={actions.canDelete(row.message)}
        canEdit={actions.canEdit(row.message)}
        editing={actions.editing?.id === row.message.id ? actions.editing : null}
        actions={actions}
      />
    );
    return row.message.author && blocked.has(row.message.author.id) ? <BlockedMessage>{rendered}</BlockedMessage> : rendered;
  }

  return (
    <div
      ref={scrollRef}
      tabIndex={0}
      role="region"
      aria-label={t("label", { place: label })}
      className="scrollbar-thin flex min-h-0 flex-1 flex-col overflow-x-hidden overflow-y-auto [overflow-anchor:none] focus-visible:outline-offset-[-2px]"
    >
      <div className="mt-auto shrink-0">
        {isFetchNextPageError ? <OlderFailed retry={() => void fetchNextPage()} /> : hasNextPage ? <OlderLoading /> : start}
      </div>
      {/* ARIA's feed: each message an article; busy while an older page loads. A channel with no message has none. */}
      <div
        ref={rowsRef}
        {...(rows.length > 0 && { role: "feed", "aria-label": t("feed"), "aria-busy": isFetchingNextPage })}
        className="relative w-full shrink-0"
        style={{ height: virtualizer.getTotalSize() }}
      >
        <div className="absolute top-0 left-0 w-full" style={{ transform: `translateY(${(items[0]?.start ?? 0) - virtualizer.options.scrollMargin}px)` }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <div key={item.key} data-index={item.index} ref={virtualizer.measureElement} className={row.continued ? undefined : "pt-4"}>
                {row.newDay && <DaySeparator label={formatDay(row.newDay, now, locale, time)} />}
                {row.message.id === firstUnreadId && <NewMessagesDivider />}
                {renderRow(row)}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
