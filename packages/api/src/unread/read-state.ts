import {
  type Database,
  ID_EPOCH_MS,
  type SQL,
  type SQLWrapper,
  type SelectedFields,
  and,
  channelReads,
  channelRecipients,
  channels,
  eq,
  messageMentions,
  messages,
  serverMembers,
  sql,
} from "@chat/db";
import { limits } from "@chat/validators";

import { canView } from "../overwrites/in-channel";

/**
 * Unread and mention counts, computed in one statement for any number of channels. Each count
 * reads an index range after the read position and stops at the cap (a LIMIT), so a channel
 * with a long unread history costs no more than one with 100 unread messages.
 */

export interface ChannelReadState {
  serverId: bigint;
  channelId: bigint;
  /** The last message read: the stored position, or the first id of the time the user joined. */
  lastReadId: string;
  unreadCount: number;
  mentionCount: number;
}

const CAP = limits.unreadCount.max;

/**
 * Where reading starts: the stored position, but never before they joined (what was said before
 * is history, not news; someone who leaves and comes back starts from the new join). `joinedAt`
 * is when they joined the server, or were added to the DM or group.
 */
const readFrom = (joinedAt: SQLWrapper) =>
  sql`greatest(coalesce(${channelReads.lastReadId}, 0), ((extract(epoch from ${joinedAt}) * 1000)::bigint - ${ID_EPOCH_MS}) << 22)`;

/** Counts the rows of `rows` (a select of 1 per counted message), up to the cap. */
const capped = (rows: SQL) => sql<number>`(select count(*)::int from (${rows} limit ${CAP}) counted)`;

/**
 * The read state's columns for the joined channel: the read position; messages after it by
 * someone else (a range of `messages_channel_id_id_idx`); and those of them that mention the user:
 * by name, found from the user's side of `message_mentions` (few rows, whatever the channel's
 * size), or by `@everyone`, found in the partial index of such messages (one that does both counts once).
 */
function stateColumns(userId: bigint, joinedAt: SQLWrapper) {
  const from = readFrom(joinedAt);
  const afterRead = sql`m.channel_id = ${channels.id} and m.id > ${from} and m.author_id is distinct from ${userId}`;
  return {
    channelId: channels.id,
    lastReadId: sql<string>`(${from})::text`,
    unreadCount: capped(sql`select 1 from ${messages} m where ${afterRead}`),
    mentionCount: capped(sql`
      select 1 from ${messageMentions} mm join ${messages} m on m.id = mm.message_id
      where mm.user_id = ${userId} and mm.message_id > ${from} and not m.mentions_everyone and ${afterRead}
      union all
      select 1 from ${messages} m where m.mentions_everyone and ${afterRead}`),
  };
}

const readOf = (userId: bigint) => and(eq(channelReads.channelId, channels.id), eq(channelReads.userId, userId));

/** The read state of the user's server channels that meet `scope` (a condition on `channels`) and that they can see. */
export async function readStates(db: Database, userId: bigint, scope: SQL | undefined): Promise<ChannelReadState[]> {
  const rows = await db
    .select({ serverId: channels.serverId, ...stateColumns(userId, serverMembers.joinedAt) })
    .from(channels)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .leftJoin(channelReads, readOf(userId))
    .where(and(scope, canView))
    .orderBy(channels.id);
  return rows.map((row) => ({ ...row, serverId: row.serverId! }));
}

/** The read state of the user's DMs and groups that meet `scope`, with the columns `extra` adds (a DM list's). */
export function conversationReadStates<Extra extends SelectedFields>(db: Database, userId: bigint, extra: Extra) {
  return db
    .select({ ...stateColumns(userId, channelRecipients.addedAt), ...extra })
    .from(channelRecipients)
    .innerJoin(channels, eq(channels.id, channelRecipients.channelId))
    .leftJoin(channelReads, readOf(userId));
}

/**
 * Moves the user's read position in the channel forward to `messageId` (or to the latest
 * message), never past the latest message and never backwards. Answers the new position, or
 * null when it did not move.
 */
export async function markRead(db: Database, userId: bigint, channelId: bigint, messageId?: bigint): Promise<bigint | null> {
  const [latest] = await db
    .select({ id: sql<string | null>`max(${messages.id})::text` })
    .from(messages)
    .where(eq(messages.channelId, channelId));
  if (!latest?.id) return null;
  const target = messageId === undefined || messageId > BigInt(latest.id) ? BigInt(latest.id) : messageId;
  const written = await db
    .insert(channelReads)
    .values({ userId, channelId, lastReadId: target })
    .onConflictDoUpdate({
      target: [channelReads.userId, channelReads.channelId],
      set: { lastReadId: target, updatedAt: sql`now()` },
      setWhere: sql`${channelReads.lastReadId} < ${target}`,
    })
    .returning({ lastReadId: channelReads.lastReadId });
  return written[0]?.lastReadId ?? null;
}

/** Scopes for `readStates`. */
export const inServer = (serverId: bigint) => eq(channels.serverId, serverId);
export const inChannel = (channelId: bigint) => eq(channels.id, channelId);
export const everyServer = undefined;
