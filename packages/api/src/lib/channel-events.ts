import { type Database, type Transaction, and, asc, channelEvents, channels, eq, gt, messages, sql } from "@chat/db";

import { fail } from "../errors";
import type { Context } from "../trpc";
import type { MessageDto } from "./dto";
import { messageActivity, publishActivity } from "./activity";
import { logger } from "./logger";
import { type Activity, type ChannelEvent, topics } from "./signals";

export interface SequencedEvent {
  seq: string;
  event: ChannelEvent;
}

/**
 * Applies a change to a channel's messages and logs the event it describes, in one transaction,
 * then publishes the event. The transaction starts by bumping the channel's `last_seq`, which
 * locks the channel row until commit: seqs are gapless and commit in order, so a subscriber that
 * sees seq n+1 knows that n is in the database. `change` runs under that lock, which is also when
 * a new message takes its id (see `idAfterLast`), so history order is event order.
 */
export async function commitChannelEvent<Event extends ChannelEvent>(
  ctx: Pick<Context, "db" | "realtime">,
  channelId: bigint,
  change: (tx: Transaction) => Promise<Event>,
): Promise<Event> {
  const sequenced = await ctx.db.transaction(async (tx) => {
    const [channel] = await tx
      .update(channels)
      .set({ lastSeq: sql`${channels.lastSeq} + 1` })
      .where(eq(channels.id, channelId))
      .returning({ seq: channels.lastSeq, id: channels.id, serverId: channels.serverId, name: channels.name });
    if (!channel) throw fail.notFound("Channel");
    const event = await change(tx);
    const messageId = BigInt(event.message.id);
    if (event.type === "deleted") {
      // Deleted text does not live on in the log: replays skip the blanked events.
      await tx
        .update(channelEvents)
        .set({ message: null })
        .where(and(eq(channelEvents.channelId, channelId), eq(channelEvents.messageId, messageId)));
    }
    await tx.insert(channelEvents).values({
      channelId,
      seq: channel.seq,
      type: event.type,
      messageId,
      message: event.type === "deleted" ? null : event.message,
    });
    return { seq: String(channel.seq), event, channel };
  });
  // After commit, and not awaited: a slow bus must not hold up the sender; subscribers that
  // miss it fill the gap from the log.
  ctx.realtime.bus
    .publish(topics.channel(channelId), { kind: "event", seq: sequenced.seq, event: sequenced.event })
    .catch((err: unknown) => logger.warn({ err, channelId: String(channelId) }, "publishing a channel event failed"));
  const activity = activityOf(sequenced.channel, sequenced.event);
  if (activity) void publishActivity(ctx, activity);
  return sequenced.event;
}

/** What the server's members hear of a channel event: new messages bump unread counts, deletions may lower them. */
function activityOf(channel: { id: bigint; serverId: bigint; name: string }, event: ChannelEvent): Activity | null {
  if (event.type === "created") return messageActivity(channel, event.message);
  if (event.type === "deleted") {
    return { type: "messageDeleted", serverId: String(channel.serverId), channelId: String(channel.id), messageId: event.message.id };
  }
  return null;
}

/** The channel's latest seq: where a subscription without `lastEventId` starts. */
export async function currentSeq(db: Database, channelId: bigint): Promise<bigint> {
  const [channel] = await db.select({ seq: channels.lastSeq }).from(channels).where(eq(channels.id, channelId));
  if (!channel) throw fail.notFound("Channel");
  return channel.seq;
}

/** Up to `limit` logged events after `afterSeq`, and the seq the read reached (blanked events are skipped). */
export async function readChannelEvents(db: Database, channelId: bigint, afterSeq: bigint, limit: number) {
  const rows = await db
    .select()
    .from(channelEvents)
    .where(and(eq(channelEvents.channelId, channelId), gt(channelEvents.seq, afterSeq)))
    .orderBy(asc(channelEvents.seq))
    .limit(limit);
  const events: SequencedEvent[] = [];
  for (const row of rows) {
    const seq = String(row.seq);
    if (row.type === "deleted") {
      events.push({ seq, event: { type: "deleted", message: { id: String(row.messageId), channelId: String(channelId) } } });
    } else if (row.message) {
      events.push({ seq, event: { type: row.type, message: reviveMessage(row.message as JsonMessage) } });
    }
  }
  return { events, reached: rows.at(-1)?.seq ?? afterSeq, complete: rows.length < limit };
}

/**
 * An id for a new message that sorts after the channel's last one. Snowflakes from one process
 * only grow, but another instance may have taken a larger id in the same millisecond: then wait
 * for the next millisecond (we hold the channel lock, so this is brief and rare).
 */
export async function idAfterLast(tx: Transaction, channelId: bigint, nextId: () => bigint): Promise<bigint> {
  const [last] = await tx
    .select({ id: sql<string | null>`max(${messages.id})::text` })
    .from(messages)
    .where(eq(messages.channelId, channelId));
  const floor = last?.id ? BigInt(last.id) : 0n;
  let id = nextId();
  for (let attempt = 0; id <= floor && attempt < 20; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    id = nextId();
  }
  return id;
}

type JsonMessage = Omit<MessageDto, "createdAt" | "editedAt"> & { createdAt: string; editedAt: string | null };

function reviveMessage(json: JsonMessage): MessageDto {
  return { ...json, createdAt: new Date(json.createdAt), editedAt: json.editedAt ? new Date(json.editedAt) : null };
}
