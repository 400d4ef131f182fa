import { type Database, and, channels, eq, messages, serverMembers } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { findMembership, grantColumns, toMembership } from "../members/membership";

/** A message with the caller's membership in its server and its author's standing (rules may depend on it). */
export async function loadMessageAccess(db: Database, messageId: bigint, userId: bigint) {
  const [row] = await db
    .select({ message: messages, ...grantColumns })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(messages.id, messageId));
  if (!row) throw fail.notFound("Message");
  const membership = toMembership(row);
  const author = row.message.authorId === null ? undefined : await findMembership(db, membership.serverId, row.message.authorId);
  return {
    message: row.message,
    membership,
    target: { userId: row.message.authorId, owner: author?.owner ?? false, rank: author?.rank ?? null },
  };
}
