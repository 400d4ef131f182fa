import { type Database, and, channels, eq, messages, serverMembers } from "@chat/db";
import type { Role } from "@chat/validators";

import { fail } from "@chat/policy/errors";
import { membershipOf } from "../members/membership";

/** A message with the caller's membership in its server and its author's role (rules may depend on it). */
export async function loadMessageAccess(db: Database, messageId: bigint, userId: bigint) {
  const [row] = await db
    .select({ message: messages, serverId: channels.serverId, role: serverMembers.role, timedOutUntil: serverMembers.timedOutUntil })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(messages.id, messageId));
  if (!row) throw fail.notFound("Message");
  const author = row.message.authorId === null ? undefined : await findRole(db, row.serverId, row.message.authorId);
  return {
    message: row.message,
    membership: { serverId: row.serverId, userId, role: row.role, timedOutUntil: row.timedOutUntil },
    target: { userId: row.message.authorId, role: author ?? null },
  };
}

async function findRole(db: Database, serverId: bigint, userId: bigint): Promise<Role | undefined> {
  const [row] = await db.select({ role: serverMembers.role }).from(serverMembers).where(membershipOf(serverId, userId));
  return row?.role;
}
