import { type Database, and, channels, eq, messages } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { type ChannelMembership, callerNamesOf, membershipIn, reachableIn, selectChannelAccess } from "../channels/access";
import { findMembership } from "../members/membership";

/**
 * A message with the caller's membership as it stands in the message's channel (its overwrites
 * applied; a channel they cannot see, or a conversation they are not in, hides the message:
 * NOT_FOUND) and its author's standing in the server (rules may depend on it).
 */
export async function loadMessageAccess(db: Database, messageId: bigint, userId: bigint) {
  const [row] = await selectChannelAccess(db, userId, { message: messages })
    .innerJoin(messages, eq(messages.channelId, channels.id))
    .where(and(eq(messages.id, messageId), reachableIn("either")));
  const membership = row && membershipIn(row, userId);
  if (!row || !membership) throw fail.notFound("Message");
  const target = await standingOf(db, membership, row.message.authorId);
  return { message: row.message, channel: row.channel, membership, recipientIds: row.recipientIds, callerNames: callerNamesOf(row, userId), target };
}

/** The author's standing where the message is: in a server, their rank; in a conversation, nobody outranks anybody. */
async function standingOf(db: Database, membership: ChannelMembership, authorId: bigint | null) {
  const author = authorId === null || membership.serverId === null ? undefined : await findMembership(db, membership.serverId, authorId);
  return { userId: authorId, owner: author?.owner ?? false, rank: author?.rank ?? null };
}
