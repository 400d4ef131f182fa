import { type Database, type SQL, type Transaction, and, asc, channelEvents, channels, eq, gt, idTime, nextId, rowsOf, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";

import type { AttachmentDto } from "../attachments/dto";
import type { PreparedAttachment } from "../attachments/prepare";
import type { Context } from "../core/trpc";
import { topics } from "../live/signals";
import { recipientIds } from "./access";
import type { AuthorDto, EmbedDto, MessageSnapshotDto, ReplyQuoteDto, SystemKind } from "../messages/dto";
import type { ChannelEvent } from "../messages/events";
import type { PinChange } from "../messages/pins";
import type { ReactionChange } from "../messages/reaction-store";
import { quotesOf } from "../messages/replies";
import { type AnnouncedChannel, announceActivity } from "../unread/activity";

/** The channel row as the transaction's first statement locked it. */
export interface LockedChannel extends AnnouncedChannel {
  seq: bigint;
  /** The transaction's time, which `created_at` columns default to. */
  now: Date;
}

export interface SequencedEvent {
  seq: string;
  event: ChannelEvent;
}

/**
 * Applies a change to a channel's messages and logs the event it describes, in one transaction,
 * then publishes the event. The transaction starts by bumping the channel's `last_seq`, which
 * locks the channel row until commit: seqs are gapless and commit in order, so a subscriber that
 * sees seq n+1 knows that n is in the database. New messages take the hot path instead,
 * `commitNewMessage`, which keeps the same order in one statement.
 */
export async function commitChannelEvent<Event extends Exclude<ChannelEvent, { type: "created" }>>(
  ctx: Pick<Context, "db" | "realtime" | "log" | "push">,
  channelId: bigint,
  change: (tx: Transaction, channel: LockedChannel) => Promise<{ event: Event }>,
): Promise<Event> {
  const { channel, event } = await ctx.db.transaction(async (tx) => {
    const [locked] = await tx
      .update(channels)
      .set({ lastSeq: sql`${channels.lastSeq} + 1` })
      .where(eq(channels.id, channelId))
      .returning({
        seq: channels.lastSeq,
        id: channels.id,
        serverId: channels.serverId,
        name: channels.name,
        recipientIds,
        now: sql`now()`.mapWith(channels.createdAt),
      });
    if (!locked) throw fail.notFound("Channel");
    const { event } = await change(tx, locked);
    const messageId = BigInt(event.message.id);
    if (event.type === "deleted") {
      // Deleted text does not live on in the log: replays skip the blanked events.
      await tx
        .update(channelEvents)
        .set({ message: null })
        .where(and(eq(channelEvents.channelId, channelId), eq(channelEvents.messageId, messageId)));
    }
    await tx.insert(channelEvents).values({ channelId, seq: locked.seq, messageId, ...loggedForm(event) });
    return { channel: locked, event };
  });
  announce(ctx, channel, event);
  return event;
}

/** A message about to be sent: everything but its id and time, which the commit gives it. */
export interface NewMessage {
  author: AuthorDto;
  content: string;
  replyTo: ReplyQuoteDto | null;
  mentionIds: bigint[];
  mentionsEveryone: boolean;
  /** Uploads checked and sniffed by `prepareAttachments`, claimed by the send's statement. */
  attachments?: PreparedAttachment[];
  /** A group's system line; absent for a person's message. */
  kind?: SystemKind;
}

/**
 * A check that must pass in the same transaction as the send, and is undone with it when the send
 * has to try again (slowmode records the send it lets through).
 */
export type SendGuard = (tx: Transaction) => Promise<void>;

/** Thrown inside a guarded send's transaction when its id missed the floor: the guard's writes roll back too. */
class FloorMissed extends Error {}

/** How long in all a send waits for its clock to pass the channel's floor (another instance's clock may be ahead). */
const FLOOR_WAIT_LIMIT_MS = 1_000;

/**
 * A send, the hot path, in one statement and one round trip: bumping the channel's `last_seq`
 * locks its row as in `commitChannelEvent`, and the same statement raises the channel's floor,
 * writes the message and its mentions, and logs the event, all committed at once. The message
 * takes a fresh snowflake that must pass the floor (the largest id the channel gave out), so
 * history order is event order across instances; when another instance took a larger id in the
 * same millisecond (or its clock is ahead), nothing is written, and the send waits for its clock
 * to pass the floor and tries again. With a `guard`, the statement runs in a transaction after it.
 */
export async function commitNewMessage(
  ctx: Pick<Context, "db" | "realtime" | "log" | "push">,
  channel: AnnouncedChannel,
  draft: NewMessage,
  guard?: SendGuard,
): Promise<MessageSnapshotDto> {
  let waited = 0;
  for (;;) {
    const id = nextId();
    const message: Omit<MessageSnapshotDto, "createdAt"> = {
      id: String(id),
      channelId: String(channel.id),
      author: draft.author,
      content: draft.content,
      editedAt: null,
      replyTo: draft.replyTo,
      mentionIds: draft.mentionIds.map(String),
      mentionsEveryone: draft.mentionsEveryone,
      embeds: [],
      attachments: (draft.attachments ?? []).map((file) => file.dto),
      ...(draft.kind && { kind: draft.kind }),
    };
    const files = (draft.attachments ?? []).map(({ id: fileId, contentType, width, height }) => ({
      id: String(fileId),
      content_type: contentType,
      width,
      height,
    }));
    const { replyTo, ...logged } = message;
    const statement = sql`
      with locked as (
        update channels set last_seq = last_seq + 1, last_message_id = ${message.id}::bigint
        where id = ${message.channelId}::bigint and last_message_id < ${message.id}::bigint
        returning last_seq
      ), inserted_message as (
        insert into messages (id, channel_id, author_id, content, reply_to_id, mentions_everyone, kind)
        select ${message.id}::bigint, ${message.channelId}::bigint, ${draft.author.id}::bigint, ${draft.content},
               ${replyTo?.id ?? null}::bigint, ${draft.mentionsEveryone}, ${draft.kind ?? "default"}::message_kind
        from locked
      ), inserted_mentions as (
        insert into message_mentions (message_id, user_id)
        select ${message.id}::bigint, mentioned from locked, unnest(${`{${message.mentionIds.join(",")}}`}::bigint[]) as mentioned
      ), claimed as (
        update attachments set message_id = ${message.id}::bigint, content_type = file.content_type, width = file.width, height = file.height
        from locked, jsonb_to_recordset(${JSON.stringify(files)}::jsonb) as file(id bigint, content_type text, width int, height int)
        where attachments.id = file.id and attachments.message_id is null
        returning attachments.id
      )
      insert into channel_events (channel_id, seq, type, message_id, message)
      select ${message.channelId}::bigint, last_seq, 'created', ${message.id}::bigint,
             ${JSON.stringify({ ...logged, replyToId: replyTo?.id ?? null })}::jsonb || jsonb_build_object('createdAt', ${ISO_TIME})
      from locked
      returning seq::text as seq, ${ISO_TIME} as "createdAt", (select count(*)::int from claimed) as claimed`;
    const [row] = await insertGuarded<{ seq: string; createdAt: string; claimed: number }>(ctx.db, statement, guard, files.length);
    if (row) {
      const created = { type: "created" as const, message: { ...message, createdAt: new Date(row.createdAt) } };
      announce(ctx, { ...channel, seq: BigInt(row.seq) }, created);
      return created.message;
    }
    const [current] = await ctx.db.select({ floor: channels.lastMessageId }).from(channels).where(eq(channels.id, channel.id));
    if (!current) throw fail.notFound("Channel");
    const wait = Math.max(1, idTime(current.floor).getTime() - Date.now() + 1);
    waited += wait;
    if (waited > FLOOR_WAIT_LIMIT_MS) throw fail.unavailable(new Error("this instance's clock is behind the channel's last message"));
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Runs a send's statement, after its guard in one transaction when it has one; no rows when the id
 * missed the floor. With files, in a transaction too, undone when another send claimed one first.
 */
async function insertGuarded<Row extends { claimed: number }>(db: Database, statement: SQL, guard: SendGuard | undefined, files: number): Promise<Row[]> {
  if (!guard && files === 0) return rowsOf<Row>(db.execute(statement));
  try {
    return await db.transaction(async (tx) => {
      await guard?.(tx);
      const rows = await rowsOf<Row>(tx.execute(statement));
      if (rows.length === 0) throw new FloorMissed();
      if (rows[0]!.claimed !== files) throw fail.conflict("An attachment was sent by another message meanwhile");
      return rows;
    });
  } catch (error) {
    if (error instanceof FloorMissed) return [];
    throw error;
  }
}

/** The transaction's time as the log keeps it (a JSON date: milliseconds, UTC). */
const ISO_TIME = sql.raw(`to_char(now() at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * After commit, and not awaited: a slow bus must not hold up the sender; subscribers that miss the
 * event fill the gap from the log. The server's members hear of it too, for their unread counts,
 * and a new message goes to the devices of those it notifies (push delivery queues it).
 */
function announce(ctx: Pick<Context, "realtime" | "log" | "push">, channel: Omit<LockedChannel, "now">, event: ChannelEvent): void {
  if (event.type === "created") ctx.push?.messageCreated(channel, event.message);
  ctx.realtime.bus
    .publish(topics.channel(channel.id), { kind: "event", seq: String(channel.seq), event })
    .catch((err: unknown) => ctx.log.warn({ err, channelId: String(channel.id) }, "publishing a channel event failed"));
  void announceActivity(ctx, channel, event);
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

/** Events logged before replies, mentions, authors' display names, nicknames and avatars, link previews and attachments existed lack their fields; they read as none. */
type LoggedMessage = Omit<
  MessageSnapshotDto,
  "author" | "createdAt" | "editedAt" | "replyTo" | "mentionIds" | "mentionsEveryone" | "kind" | "embeds" | "attachments"
> & {
  author: (Omit<AuthorDto, "displayName" | "nickname" | "avatarUrl"> & Partial<AuthorDto>) | null;
  kind?: SystemKind;
  createdAt: string;
  editedAt: string | null;
  replyToId?: string | null;
  mentionIds?: string[];
  mentionsEveryone?: boolean;
  embeds?: Array<Partial<EmbedDto> & Pick<EmbedDto, "url" | "title" | "description" | "siteName">>;
  attachments?: Array<Omit<AttachmentDto, "placeholder"> & { placeholder?: string | null }>;
};

/** Previews logged before their images were copied name the page's image: not shown, it would reach the site. */
function reviveEmbed(embed: Partial<EmbedDto> & Pick<EmbedDto, "url" | "title" | "description" | "siteName">): EmbedDto {
  const ours = embed.imageUrl?.startsWith("/api/embeds/") ?? false;
  return {
    ...embed,
    imageUrl: ours ? embed.imageUrl! : null,
    imageWidth: ours ? (embed.imageWidth ?? null) : null,
    imageHeight: ours ? (embed.imageHeight ?? null) : null,
  };
}

function reviveMessage({ replyToId, author, ...json }: LoggedMessage, quotes: Map<string, ReplyQuoteDto>): MessageSnapshotDto {
  return {
    ...json,
    author: author && { ...author, displayName: author.displayName ?? null, nickname: author.nickname ?? null, avatarUrl: author.avatarUrl ?? null },
    mentionIds: json.mentionIds ?? [],
    mentionsEveryone: json.mentionsEveryone ?? false,
    embeds: (json.embeds ?? []).map(reviveEmbed),
    // Attachments logged before placeholders existed have none.
    attachments: (json.attachments ?? []).map((file) => ({ ...file, placeholder: file.placeholder ?? null })),
    createdAt: new Date(json.createdAt),
    editedAt: json.editedAt ? new Date(json.editedAt) : null,
    replyTo: replyToId ? quotes.get(replyToId)! : null,
  };
}
