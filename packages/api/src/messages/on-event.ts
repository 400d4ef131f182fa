import { type Database } from "@chat/db";
import type { SubscriptionWriter } from "@chat/realtime";
import { messageEventsInput } from "@chat/validators";
import { type TrackedEnvelope, tracked } from "@trpc/server";

import { type ChannelAccessWatch, watchChannelAccess } from "../channels/access";
import { currentSeq, readChannelEvents } from "../channels/event-log";
import { type Context, channelProcedure } from "../core/trpc";
import { encodeOncePer, encodeTrackedResult } from "../live/encode";
import { type Signal, channelTopics } from "../live/signals";
import type { Inbox, InboxItem } from "../live/inbox";
import { type LiveStream, subscribe } from "../live/subscribe";
import type { ChannelEvent } from "./events";

const REPLAY_PAGE = 500;
/**
 * How long an event that arrives ahead of a missing one waits for it before the gap is read
 * from the log. Concurrent commits publish slightly out of order all the time; reading the log
 * at once would have every subscriber of a busy channel query the database on every such event.
 */
const REORDER_WAIT_MS = 250;
const REORDER_LIMIT = 200;
/** Typing and presence share the channel's and the server's topics; a message stream wakes only for these. */
const STREAM_SIGNALS = new Set(["event", "access"] as const);

type StreamItem = TrackedEnvelope<{ type: "ready" }> | TrackedEnvelope<ChannelEvent>;
type EventSignal = Extract<Signal, { kind: "event" }>;

/** A live event as every subscriber's frame carries it: `tracked(seq, event)`, encoded once per instance. */
const encodeEvent = encodeOncePer((signal: EventSignal) => encodeTrackedResult(signal.seq, signal.event));

export interface ChannelStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection">;
  channel: { id: bigint; serverId: bigint | null };
  lastEventId: string | null | undefined;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  /** The caller's access to the channel: losing it ends the subscription with that error. */
  access: ChannelAccessWatch;
}

/**
 * The channel's events as `tracked(seq, event)`. Listens first, then replays from the log
 * everything after `lastEventId`, then goes live: events at or below the cursor are duplicates
 * and skipped; an event past cursor+1 means some were missed (concurrent commits published out
 * of order, or a lossy bus): it waits briefly for the missing ones, then the gap is read from
 * the log. Without `lastEventId` the first item is `ready`, carrying the current seq, so that a
 * reconnect before any event still resumes.
 */
export function channelEventStream(options: ChannelStreamOptions) {
  return subscribe<StreamItem>(new ChannelEventStream(options));
}

/** One subscription's stream state; its methods are defined once, not per subscription. */
class ChannelEventStream implements LiveStream<StreamItem> {
  readonly ctx: ChannelStreamOptions["ctx"];
  readonly signal: AbortSignal | undefined;
  readonly topics: string[];
  readonly kinds = STREAM_SIGNALS;
  readonly recheckAccess: ChannelAccessWatch["recheck"];
  private readonly access: ChannelAccessWatch;
  private readonly channelId: bigint;
  private readonly lastEventId: string | null | undefined;
  private cursor = 0n;
  /** Events past cursor+1, waiting for the missing ones; made at the first gap. */
  private ahead: Map<bigint, EventSignal> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor({ ctx, channel, lastEventId, signal, access }: ChannelStreamOptions) {
    this.ctx = ctx;
    this.signal = signal;
    this.topics = channelTopics(channel);
    this.access = access;
    this.recheckAccess = access.recheck;
    this.channelId = channel.id;
    this.lastEventId = lastEventId;
  }

  async *start() {
    if (this.lastEventId === null || this.lastEventId === undefined) {
      this.cursor = await currentSeq(this.ctx.db, this.channelId);
      yield tracked(String(this.cursor), { type: "ready" as const });
    } else {
      this.cursor = yield* replay(this.ctx.db, this.channelId, BigInt(this.lastEventId));
    }
  }

  async *next(item: InboxItem, inbox: Inbox) {
    if (item.kind === "event") {
      for (let next = this.accept(item); next; next = this.takeNext()) yield tracked(String(this.cursor), next.event);
      this.waitForGap(inbox);
      return;
    }
    if (item.kind === "tick") {
      this.timer = undefined;
      if (!this.ahead?.size) return; // the gap filled meanwhile
    } else if (item.kind !== "resync") {
      return; // access: rechecked already
    }
    // A gap that did not fill in time, too many events ahead, or a resync: read the log.
    clearTimeout(this.timer);
    this.timer = undefined;
    this.ahead?.clear();
    this.cursor = yield* replay(this.ctx.db, this.channelId, this.cursor);
  }

  close() {
    clearTimeout(this.timer);
    this.access.release();
  }

  /**
   * Straight to the socket, as `next` would yield them: the next event in order, and those that
   * arrived ahead of it. Concurrent sends' commits reach this instance slightly out of order all
   * the time (each on its own database connection); an event ahead of a missing one waits here.
   */
  direct(signal: Signal, writer: SubscriptionWriter, inbox: Inbox) {
    if (signal.kind !== "event") return false;
    for (let next = this.accept(signal); next; next = this.takeNext()) writer.write(encodeEvent(next));
    this.waitForGap(inbox);
    return true;
  }

  /** Takes an event in: the next one is returned, one further ahead is kept for later, a duplicate is dropped. */
  private accept(signal: EventSignal): EventSignal | undefined {
    const seq = BigInt(signal.seq);
    if (seq === this.cursor + 1n && !this.ahead?.size) {
      this.cursor = seq;
      return signal;
    }
    if (seq > this.cursor) (this.ahead ??= new Map()).set(seq, signal);
    return this.takeNext();
  }

  /** The kept event that is now next, if it came. */
  private takeNext(): EventSignal | undefined {
    const next = this.ahead?.get(this.cursor + 1n);
    if (next) this.ahead!.delete((this.cursor += 1n));
    return next;
  }

  /**
   * With events kept ahead of a missing one, the missing one has until the timer's `tick` to come,
   * after which `next` reads the gap from the log; with too many kept, the tick comes at once.
   * With none kept, no timer.
   */
  private waitForGap(inbox: Inbox) {
    const waiting = this.ahead?.size ?? 0;
    if (waiting > 0 && waiting < REORDER_LIMIT) {
      this.timer ??= setTimeout(() => inbox.push({ kind: "tick" }), REORDER_WAIT_MS).unref();
      return;
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (waiting > 0) inbox.push({ kind: "tick" });
  }
}

/** Yields the logged events after `from`; returns the seq it reached. */
async function* replay(db: Database, channelId: bigint, from: bigint) {
  let cursor = from;
  for (;;) {
    const page = await readChannelEvents(db, channelId, cursor, REPLAY_PAGE);
    for (const { seq, event } of page.events) yield tracked(seq, event);
    cursor = page.reached;
    if (page.complete) return cursor;
  }
}

/**
 * message.onEvent: the channel's message events, resumable (see `channelEventStream`). Access is
 * checked when the subscription starts and again whenever memberships change; losing it ends the stream.
 */
export const onEvent = channelProcedure("message.read", messageEventsInput).subscription(({ ctx, input, signal }) => {
  // The stream lives as long as the subscription: it keeps what it uses, not the call's whole
  // context (its access row, membership and a copy of every service), ~0.5 KB per subscription.
  const { db, realtime, connection } = ctx;
  const channel = { id: ctx.channel.id, serverId: ctx.channel.serverId };
  const userId = ctx.user.id;
  return channelEventStream({
    ctx: { db, realtime, connection },
    channel,
    lastEventId: input.lastEventId,
    signal,
    access: watchChannelAccess({ db, realtime }, channel, userId, "message.read"),
  });
});
