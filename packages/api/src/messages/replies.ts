import { type Database, type Transaction, channels, eq, inArray, messages, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { excerptOf } from "@chat/validators/excerpt";

import { authorColumns } from "./author";
import { type AuthorRow, type ReplyQuoteDto, toAuthor } from "./dto";

type Queryable = Database | Transaction;

/** What a quote shows of its parent. */
const quotedColumns = { id: messages.id, content: messages.content, ...authorColumns };

/**
 * The quote for a reply to `replyToId` in `channel`, once it is checked that the parent is there.
 * A message elsewhere in the same server is a mistake (400); one that does not exist, or lives in
 * a server or conversation the caller cannot see, is not found (404): the answer never tells which.
 */
export async function quoteForReply(db: Queryable, replyToId: bigint, channel: { id: bigint; serverId: bigint | null }): Promise<ReplyQuoteDto> {
  const [parent] = await db
    .select({ ...quotedColumns, channelId: messages.channelId, serverId: channels.serverId })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(eq(messages.id, replyToId));
  // A DM or group (no server) is its own world: a message elsewhere is not found.
  const nearby = parent && (parent.channelId === channel.id || (channel.serverId !== null && parent.serverId === channel.serverId));
  if (!parent || !nearby) throw fail.notFound("Message replied to");
  if (parent.channelId !== channel.id) throw fail.badRequest("A reply must be in the same channel as the message it replies to");
  return quoteOf(parent);
}

/** The quotes of the given parents, by parent id; a parent that is gone quotes as deleted. */
export async function quotesOf(db: Queryable, parentIds: bigint[]): Promise<Map<string, ReplyQuoteDto>> {
  const unique = [...new Set(parentIds)];
  const quotes = new Map<string, ReplyQuoteDto>(unique.map((parentId) => [String(parentId), deletedQuote(parentId)]));
  if (unique.length === 0) return quotes;
  const parents = await db
    .select(quotedColumns)
    .from(messages)
    .leftJoin(users, eq(users.id, messages.authorId))
    .where(inArray(messages.id, unique));
  for (const parent of parents) quotes.set(String(parent.id), quoteOf(parent));
  return quotes;
}

/** The quote of a parent that is gone. */
export function deletedQuote(parentId: bigint | string): ReplyQuoteDto {
  return { id: String(parentId), deleted: true, author: null, excerpt: "" };
}

type Id = bigint | string;

export function quoteOf(parent: AuthorRow & { id: Id; content: string }): ReplyQuoteDto {
  return { id: String(parent.id), deleted: false, author: toAuthor(parent), excerpt: excerptOf(parent.content) };
}
