import { type Database, type Transaction, and, asc, channelEvents, channels, eq, gt, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";

import type { Context } from "../core/trpc";
import { topics } from "../live/signals";
import type { MessageSnapshotDto, ReplyQuoteDto } from "../messages/dto";
import type { ChannelEvent } from "../messages/events";
import type { PinChange } from "../messages/pins";
import type { ReactionChange } from "../messages/reaction-store";
import { quotesOf } from "../messages/replies";
import { announceActivity } from "../unread/activity";

/** The channel row as the transaction's first statement locked it. */
export interface LockedChannel {
  id: bigint;
  serverId: bigint;
  name: string;
  seq: bigint;
  /** The largest id a message in the channel has taken: a new one must pass it. */
  lastMessageId: bigint;
  /** The transaction's time, which `created_at` defaults to: a new row's snapshot needs no RETURNING. */
  now: Date;
}

/** A statement for a `with` clause: a write that goes in the same statement as the log row. */
export type Alongside = Parameters<Transaction["with"]>[number];

/** What a change did: the event to log, and writes (for a send, the message) to run with its log row. */
export interface ChannelChange<Event extends ChannelEvent> {
  event: Event;
  alongside?: Alongside[];
}

export interface SequencedEvent {
  seq: string;
  event: ChannelEvent;
}

/**
 * Applies a change to a channel's messages and logs the event it describes, in one transaction,
 * then publishes the event. The transaction starts by bumping the channel's `last_seq`, which
 * locks the channel row until commit: seqs are gapless and commit in order, so a subscriber that
 * sees seq n+1 knows that n is in the database. `change` runs under that lock, which is also when
 * a new message takes its id (see `idAfterLast`), so history order is event order. The writes it
 * hands back run in one statement with the log row: the lock is held for as few round trips as can be.
 */
export async function commitChannelEvent<Event extends ChannelEvent>(
  ctx: Pick<Context, "db" | "realtime" | "log">,
  channelId: bigint,
  change: (tx: Transaction, channel: LockedChannel) => Promise<ChannelChange<Event>>,
): Promise<Event> {
  const sequenced = await ctx.db.transaction(async (tx) => {
    const [channel] = await tx
      .update(channels)
      .set({ lastSeq: sql`${channels.lastSeq} + 1` })
      .where(eq(channels.id, channelId))
      .returning({
        seq: channels.lastSeq,
        id: channels.id,
        serverId: channels.serverId,
        name: channels.name,
        lastMessageId: channels.lastMessageId,
        now: sql`now()`.mapWith(channels.createdAt),
      });
    if (!channel) throw fail.notFound("Channel");
    const { event, alongside = [] } = await change(tx, channel);
    const messageId = BigInt(event.message.id);
    if (event.type === "deleted") {
      // Deleted text does not live on in the log: replays skip the blanked events.
      await tx
        .update(channelEvents)
        .set({ message: null })
        .where(and(eq(channelEvents.channelId, channelId), eq(channelEvents.messageId, messageId)));
    }
    const logged = { channelId, seq: channel.seq, messageId, ...loggedForm(event) };
    // A new message's id is the channel's floor from now on.
    const floor = event.type === "created" ? [raiseFloor(tx, channelId, messageId)] : [];
    await tx.with(...alongside, ...floor).insert(channelEvents).values(logged);
    return { seq: String(channel.seq), event, channel };
  });
  // After commit, and not awaited: a slow bus must not hold up the sender; subscribers that
  // miss it fill the gap from the log.
  ctx.realtime.bus
    .publish(topics.channel(channelId), { kind: "event", seq: sequenced.seq, event: sequenced.event })
    .catch((err: unknown) => ctx.log.warn({ err, channelId: String(channelId) }, "publishing a channel event failed"));
  void announceActivity(ctx, sequenced.channel, sequenced.event);
  return sequenced.event;
}

function raiseFloor(tx: Transaction, channelId: bigint, messageId: bigint): Alongside {
  const raised = tx.update(channels).set({ lastMessageId: messageId }).where(eq(channels.id, channelId)).returning({ id: channels.id });
  return tx.$with("raised_floor").as(raised);
}

/** The channel's latest seq: where a subscription without `lastEventId` starts. */
export async function currentSeq(db: Database, channelId: bigint): Promise<bigint> {
  const [channel] = await db.select({ seq: channels.lastSeq }).from(channels).where(eq(channels.id, channelId));
  if (!channel) throw fail.notFound("Channel");
  return channel.seq;
}

/**
 * What the log keeps of an event. A reply keeps only its parent's id, not the quote: the quote is
 * read afresh on replay, so a parent's text does not outlive its deletion here either.
 */
function loggedForm(event: ChannelEvent) {
  switch (event.type) {
    case "deleted":
      return { type: event.type, message: null };
    case "reaction":
      return { type: event.type, message: event.message, reaction: event.reaction };
    case "pinned":
    case "unpinned":
      return { type: event.type, message: event.message, pin: { ...event.pin, at: event.pin.at.toISOString() } };
    default: {
      const { replyTo, ...rest } = event.message;
      return { type: event.type, message: { ...rest, replyToId: replyTo?.id ?? null } };
    }
  }
}

/** Up to `limit` logged events after `afterSeq`, and the seq the read reached (blanked events are skipped). */
export async function readChannelEvents(db: Database, channelId: bigint, afterSeq: bigint, limit: number) {
  const rows = await db
    .select()
    .from(channelEvents)
    .where(and(eq(channelEvents.channelId, channelId), gt(channelEvents.seq, afterSeq)))
    .orderBy(asc(channelEvents.seq))
    .limit(limit);
  const quotes = await quotesOf(
    db,
    rows.flatMap((row) => {
      const replyToId = (row.message as LoggedMessage | null)?.replyToId;
      return replyToId ? [BigInt(replyToId)] : [];
    }),
  );
  const events: SequencedEvent[] = [];
  for (const row of rows) {
    const seq = String(row.seq);
    const message = { id: String(row.messageId), channelId: String(channelId) };
    if (row.type === "deleted") {
      events.push({ seq, event: { type: "deleted", message } });
    } else if (row.message === null) {
      continue; // the message was deleted since: its snapshots and reactions were blanked
    } else if (row.type === "reaction") {
      events.push({ seq, event: { type: "reaction", message, reaction: row.reaction as ReactionChange } });
    } else if (row.type === "pinned" || row.type === "unpinned") {
      const pin = row.pin as Omit<PinChange, "at"> & { at: string };
      events.push({ seq, event: { type: row.type, message, pin: { ...pin, at: new Date(pin.at) } } });
    } else {
      events.push({ seq, event: { type: row.type, message: reviveMessage(row.message as LoggedMessage, quotes) } });
    }
  }
  return { events, reached: rows.at(-1)?.seq ?? afterSeq, complete: rows.length < limit };
}

/**
 * An id for a new message that sorts after the channel's last one (the floor read with the lock).
 * Snowflakes from one process only grow, but another instance may have taken a larger id in the
 * same millisecond: then wait for the next millisecond (we hold the channel lock, so this is brief
 * and rare).
 */
export async function idAfterLast(channel: LockedChannel, nextId: () => bigint): Promise<bigint> {
  let id = nextId();
  for (let attempt = 0; id <= channel.lastMessageId && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    id = nextId();
  }
  return id;
}

/** Events logged before replies and mentions existed lack their fields; they read as none. */
type LoggedMessage = Omit<MessageSnapshotDto, "createdAt" | "editedAt" | "replyTo" | "mentionIds" | "mentionsEveryone"> & {
  createdAt: string;
  editedAt: string | null;
  replyToId?: string | null;
  mentionIds?: string[];
  mentionsEveryone?: boolean;
};

function reviveMessage({ replyToId, ...json }: LoggedMessage, quotes: Map<string, ReplyQuoteDto>): MessageSnapshotDto {
  return {
    ...json,
    mentionIds: json.mentionIds ?? [],
    mentionsEveryone: json.mentionsEveryone ?? false,
    createdAt: new Date(json.createdAt),
    editedAt: json.editedAt ? new Date(json.editedAt) : null,
    replyTo: replyToId ? quotes.get(replyToId)! : null,
  };
}
