import { type Database, ID_EPOCH_MS, type SQL, and, channelReads, channels, eq, messageMentions, messages, serverMembers, sql } from "@chat/db";
import { limits } from "@chat/validators";

/**
 * Unread and mention counts, computed in one statement for any number of channels. Each count is
 * a keyset range on `(channel_id, id)` after the read position, stopped at the cap by a LIMIT, so
 * a channel with a long unread history costs no more than one with 100 unread messages.
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
 * Where reading starts for a member: the stored position, but never before they joined (what was
 * said before is history, not news; someone who leaves and comes back starts from the new join).
 */
const readFrom = sql`greatest(coalesce(${channelReads.lastReadId}, 0), ((extract(epoch from ${serverMembers.joinedAt}) * 1000)::bigint - ${ID_EPOCH_MS}) << 22)`;

/** How many messages after the read position, by someone else and meeting `condition` on `m`, up to the cap. */
function countAfterRead(userId: bigint, condition: SQL = sql`true`) {
  return sql<number>`(select count(*)::int from (
    select 1 from ${messages} m
    where m.channel_id = ${channels.id} and m.id > ${readFrom} and m.author_id is distinct from ${userId} and ${condition}
    limit ${CAP}) counted)`;
}

/** Whether message `m` mentions the user, by name or by `@everyone`. */
function mentioning(userId: bigint): SQL {
  return sql`(m.mentions_everyone or exists (select 1 from ${messageMentions} mm where mm.message_id = m.id and mm.user_id = ${userId}))`;
}

/** The read state of the user's channels that meet `scope` (a condition on `channels`). */
export async function readStates(db: Database, userId: bigint, scope: SQL | undefined): Promise<ChannelReadState[]> {
  return db
    .select({
      serverId: channels.serverId,
      channelId: channels.id,
      lastReadId: sql<string>`(${readFrom})::text`,
      unreadCount: countAfterRead(userId),
      mentionCount: countAfterRead(userId, mentioning(userId)),
    })
    .from(channels)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .leftJoin(channelReads, and(eq(channelReads.channelId, channels.id), eq(channelReads.userId, userId)))
    .where(scope)
    .orderBy(channels.id);
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
