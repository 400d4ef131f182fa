"use client";

import { useLocale, useTranslations } from "next-intl";
import { type ReactNode, type Ref, useEffect, useImperativeHandle, useMemo } from "react";

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
import { useVirtualRows } from "./use-virtual-rows";

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
/** Space under the newest message. */
const END_GAP = 16;

function estimateSize(row: Row): number {
  const lines = Math.ceil(row.message.content.length / 90) + (row.message.content.match(/\n/g)?.length ?? 0);
  return (row.continued ? 4 : 42) + (row.newDay ? 50 : 0) + 22 * Math.max(1, lines);
}

/**
 * The conversation, virtualised so that thousands of loaded messages scroll smoothly: only the rows
 * near the view are in the DOM (`useVirtualRows`, which opens at the newest message, follows new ones
 * while the reader is at the bottom and keeps the reader's place when older pages are prepended).
 * Older pages load near the top. The top of the history (loading, or the channel's welcome) sits
 * above the rows, not among them: the reader's place is a row, and that must be a message.
 */
export function MessageList({ label, start, history, actions, firstUnreadId, ref }: MessageListProps) {
  const t = useTranslations("messages.list");
  const time = useTranslations("messages.time");
  const locale = useLocale();
  const now = useNow();
  const blocked = useBlockedIds();
  const rows = useMemo(() => toRows(oldestFirst(history.data)), [history.data]);
  const list = useVirtualRows(rows, estimateSize);
  const { scrollToEnd } = list;
  useImperativeHandle(ref, () => ({ scrollToEnd }), [scrollToEnd]);

  const { hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage } = history;
  const firstShown = rows.length > 0 ? list.from : undefined;
  useEffect(() => {
    if (firstShown === undefined || firstShown > LOAD_MORE_WITHIN) return;
    if (hasNextPage && !isFetchingNextPage && !isFetchNextPageError) void fetchNextPage();
  }, [firstShown, hasNextPage, isFetchingNextPage, isFetchNextPageError, fetchNextPage]);

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
      ref={list.scrollRef}
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
        ref={list.rowsRef}
        {...(rows.length > 0 && { role: "feed", "aria-label": t("feed"), "aria-busy": isFetchingNextPage })}
        className="w-full shrink-0"
        style={{ paddingTop: list.before, paddingBottom: list.after + END_GAP }}
      >
        {rows.slice(list.from, list.to).map((row, offset) => (
          <div key={row.key} data-index={list.from + offset} className={row.continued ? undefined : "pt-4"}>
            {row.newDay && <DaySeparator label={formatDay(row.newDay, now, locale, time)} />}
            {row.message.id === firstUnreadId && <NewMessagesDivider />}
            {renderRow(row)}
          </div>
        ))}
      </div>
    </div>
  );
}
