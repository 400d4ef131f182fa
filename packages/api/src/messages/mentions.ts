import { type Database, type Transaction, and, channelRecipients, channels, eq, inArray, messageMentions, serverMembers, sql, users } from "@chat/db";
import { isAllowed } from "@chat/policy/permissions";

import type { ChannelMembership } from "../channels/access";
import { canView } from "../overwrites/in-channel";

type Queryable = Database | Transaction;

/** `@name` at the start or after a character that cannot be part of a name or an email address. */
const mentionPattern = /(?<![\w.@])@([A-Za-z0-9_.]{2,32})/g;

/**
 * The names a text mentions, lower-cased. A sentence may end right after a name ("thanks @ana."),
 * so a name with trailing dots also counts without them; the lookup keeps what matches a member.
 */
export function mentionedNames(content: string): string[] {
  const names = new Set<string>();
  for (const [, name] of content.matchAll(mentionPattern)) {
    const lower = name!.toLowerCase();
    names.add(lower);
    const trimmed = lower.replace(/\.+$/, "");
    if (trimmed.length >= 2) names.add(trimmed);
  }
  names.delete("everyone");
  return [...names];
}

const everyonePattern = /(?<![\w.@])@everyone\b/i;

export interface Mentions {
  userIds: bigint[];
  everyone: boolean;
}

/**
 * Who a message by `author` in `channelId` mentions: the server's members named with `@username`
 * who can see the channel (the others hear nothing of it), or in a DM or group its named people, and everyone when it says `@everyone`
 * and the author may (permission table: from others it stays text).
 */
export async function resolveMentions(db: Queryable, author: ChannelMembership, channelId: bigint, content: string): Promise<Mentions> {
  const everyone = everyonePattern.test(content) && isAllowed("message.mentionEveryone", author);
  const names = mentionedNames(content);
  if (names.length === 0) return { userIds: [], everyone };
  const named = inArray(sql`lower(${users.username})`, names);
  const people =
    author.serverId === null
      ? db
          .select({ id: users.id })
          .from(channelRecipients)
          .innerJoin(users, eq(users.id, channelRecipients.userId))
          .where(and(eq(channelRecipients.channelId, channelId), named))
      : db
          .select({ id: users.id })
          .from(serverMembers)
          .innerJoin(users, eq(users.id, serverMembers.userId))
          .innerJoin(channels, eq(channels.id, channelId))
          .where(and(eq(serverMembers.serverId, author.serverId), named, canView));
  return { userIds: (await people.orderBy(users.id)).map((person) => person.id), everyone };
}

/** Replaces the stored mentions of an edited message. */
export async function replaceMentions(tx: Transaction, messageId: bigint, userIds: bigint[]): Promise<void> {
  await tx.delete(messageMentions).where(eq(messageMentions.messageId, messageId));
  if (userIds.length > 0) await tx.insert(messageMentions).values(userIds.map((userId) => ({ messageId, userId })));
}

/** The mentioned user ids of the given messages, by message id. */
export async function mentionsOf(db: Queryable, messageIds: bigint[]): Promise<Map<string, string[]>> {
  const byMessage = new Map<string, string[]>();
  if (messageIds.length === 0) return byMessage;
  const rows = await db
    .select({ messageId: messageMentions.messageId, userId: messageMentions.userId })
    .from(messageMentions)
    .where(inArray(messageMentions.messageId, messageIds))
    .orderBy(messageMentions.messageId, messageMentions.userId);
  for (const row of rows) {
    const key = String(row.messageId);
    byMessage.set(key, [...(byMessage.get(key) ?? []), String(row.userId)]);
  }
  return byMessage;
}
