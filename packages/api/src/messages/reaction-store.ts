import { type Database, type Transaction, and, count, eq, inArray, messageReactions, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { limits } from "@chat/validators";

import type { ReactionDto } from "./dto";

type Queryable = Database | Transaction;

/** One user's reaction changing, with the emoji's count after it: what a `reaction` event carries. */
export interface ReactionChange {
  emoji: string;
  userId: string;
  added: boolean;
  count: number;
}

interface Reacting {
  messageId: bigint;
  userId: bigint;
  emoji: string;
}

/** The per-emoji tallies of the given messages for `viewerId`, by message id, each in the order first used. */
export async function reactionsOf(db: Queryable, messageIds: bigint[], viewerId: bigint): Promise<Map<string, ReactionDto[]>> {
  const byMessage = new Map<string, ReactionDto[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({
      messageId: messageReactions.messageId,
      emoji: messageReactions.emoji,
      count: count(),
      me: sql<boolean>`bool_or(${messageReactions.userId} = ${viewerId})`,
    })
    .from(messageReactions)
    .where(inArray(messageReactions.messageId, messageIds))
    .groupBy(messageReactions.messageId, messageReactions.emoji)
    .orderBy(messageReactions.messageId, sql`min(${messageReactions.createdAt})`, messageReactions.emoji);
  for (const row of rows) {
    const key = String(row.messageId);
    byMessage.set(key, [...(byMessage.get(key) ?? []), { emoji: row.emoji, count: Number(row.count), me: row.me }]);
  }
  return byMessage;
}

export async function hasReacted(db: Queryable, { messageId, userId, emoji }: Reacting): Promise<boolean> {
  const [row] = await db.select({ emoji: messageReactions.emoji }).from(messageReactions).where(reactionOf({ messageId, userId, emoji }));
  return row !== undefined;
}

/**
 * Adds a reaction, inside the channel event's transaction: the channel lock it holds makes the
 * distinct-emoji limit exact under concurrent reactions. Adding one already there changes nothing.
 */
export async function addReaction(tx: Transaction, reacting: Reacting): Promise<ReactionChange> {
  const already = await emojiCount(tx, reacting.messageId, reacting.emoji);
  if (already === 0 && (await distinctEmoji(tx, reacting.messageId)) >= limits.reactionsPerMessage.max) {
    throw fail.conflict(`A message can have at most ${limits.reactionsPerMessage.max} different reactions`);
  }
  await tx.insert(messageReactions).values(reacting).onConflictDoNothing();
  return change(tx, reacting, true);
}

export async function removeReaction(tx: Transaction, reacting: Reacting): Promise<ReactionChange> {
  await tx.delete(messageReactions).where(reactionOf(reacting));
  return change(tx, reacting, false);
}

async function change(tx: Transaction, { messageId, userId, emoji }: Reacting, added: boolean): Promise<ReactionChange> {
  return { emoji, userId: String(userId), added, count: await emojiCount(tx, messageId, emoji) };
}

function reactionOf({ messageId, userId, emoji }: Reacting) {
  return and(eq(messageReactions.messageId, messageId), eq(messageReactions.emoji, emoji), eq(messageReactions.userId, userId));
}

async function emojiCount(db: Queryable, messageId: bigint, emoji: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(messageReactions)
    .where(and(eq(messageReactions.messageId, messageId), eq(messageReactions.emoji, emoji)));
  return Number(row?.n ?? 0);
}

async function distinctEmoji(db: Queryable, messageId: bigint): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(distinct ${messageReactions.emoji})` })
    .from(messageReactions)
    .where(eq(messageReactions.messageId, messageId));
  return Number(row?.n ?? 0);
}
