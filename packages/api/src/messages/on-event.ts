import { type Database } from "@chat/db";
import { messageEventsInput } from "@chat/validators";
import { type TrackedEnvelope, tracked } from "@trpc/server";

import { assertChannelAccess } from "../channels/access";
import { currentSeq, readChannelEvents } from "../channels/event-log";
import { type Context, channelProcedure } from "../core/trpc";
import { encodeTrackedResult, rememberLast } from "../live/encode";
import { type Signal, topics } from "../live/signals";
import { subscribe } from "../live/subscribe";
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
const encodeEvent = rememberLast((signal: EventSignal) => encodeTrackedResult(signal.seq, signal.event));

export interface ChannelStreamOptions {
  ctx: Pick<Context, "db" | "realtime" | "connection">;
  channel: { id: bigint; serverId: bigint };
  lastEventId: string | null | undefined;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  /** Throws when the caller has lost access to the channel; the subscription then ends with that error. */
  recheckAccess: (cause?: Signal) => Promise<void>;
}

/**
 * The channel's events as `tracked(seq, event)`. Listens first, then replays from the log
 * everything after `lastEventId`, then goes live: events at or below the cursor are duplicates
 * and skipped; an event past cursor+1 means some were missed (concurrent commits published out
 * of order, or a lossy bus): it waits briefly for the missing ones, then the gap is read from
 * the log. Without `lastEventId` the first item is `ready`, carrying the current seq, so that a
 * reconnect before any event still resumes.
 */
export function channelEventStream({ ctx, channel, lastEventId, signal, recheckAccess }: ChannelStreamOptions) {
  let cursor = 0n;
  const ahead = new Map<bigint, ChannelEvent>();
  let timer: NodeJS.Timeout | undefined;
  return subscribe<StreamItem>({
    ctx,
    signal,
    topics: [topics.channel(channel.id), topics.server(channel.serverId)],
    kinds: STREAM_SIGNALS,
    recheckAccess,
    async *start() {
      if (lastEventId === null || lastEventId === undefined) {
        cursor = await currentSeq(ctx.db, channel.id);
        yield tracked(String(cursor), { type: "ready" as const });
      } else {
        cursor = yield* replay(ctx.db, channel.id, BigInt(lastEventId));
      }
    },
    async *next(item, inbox) {
      if (item.kind === "event") {
        const seq = BigInt(item.seq);
        if (seq <= cursor) return;
        ahead.set(seq, item.event);
        for (let next = ahead.get(cursor + 1n); next; next = ahead.get(cursor + 1n)) {
          ahead.delete((cursor += 1n));
          yield tracked(String(cursor), next);
        }
        if (ahead.size === 0) {
          clearTimeout(timer);
          timer = undefined;
          return;
        }
        if (ahead.size < REORDER_LIMIT) {
          timer ??= setTimeout(() => inbox.push({ kind: "tick" }), REORDER_WAIT_MS).unref();
          return;
        }
      } else if (item.kind === "tick") {
        timer = undefined;
        if (ahead.size === 0) return; // the gap filled meanwhile
      } else if (item.kind !== "resync") {
        return; // access: rechecked already
      }
      // A gap that did not fill in time, too many events ahead, or a resync: read the log.
      clearTimeout(timer);
      timer = undefined;
      ahead.clear();
      cursor = yield* replay(ctx.db, channel.id, cursor);
    },
    close: () => clearTimeout(timer),
    // The common case, the next event in order with nothing waiting: straight to the socket.
    direct(signal) {
      if (signal.kind !== "event" || ahead.size > 0 || BigInt(signal.seq) !== cursor + 1n) return undefined;
      cursor += 1n;
      return encodeEvent(signal);
    },
  });
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
export const onEvent = channelProcedure("message.read", messageEventsInput).subscription(({ ctx, input, signal }) =>
  channelEventStream({
    ctx,
    channel: ctx.channel,
    lastEventId: input.lastEventId,
    signal,
    recheckAccess: (cause) => assertChannelAccess(ctx.db, ctx.channel.id, ctx.user.id, "message.read", cause),
  }),
);
