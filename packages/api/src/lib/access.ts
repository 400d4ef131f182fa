import { type Database, and, channels, eq, messages, serverMembers, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

import type { Signal } from "./signals";

export interface Membership {
  serverId: bigint;
  userId: bigint;
  role: Role;
}

/**
 * Loaders for the object a procedure acts on, joined with the caller's membership in its server.
 * A missing object and one in a server the caller is not in give the same NOT_FOUND (no IDOR, no leak).
 */
export function membershipOf(serverId: bigint, userId: bigint) {
  return and(eq(serverMembers.serverId, serverId), eq(serverMembers.userId, userId));
}

export async function findMembership(db: Database, serverId: bigint, userId: bigint): Promise<Membership | undefined> {
  const [membership] = await db
    .select({ serverId: serverMembers.serverId, userId: serverMembers.userId, role: serverMembers.role })
    .from(serverMembers)
    .where(membershipOf(serverId, userId));
  return membership;
}

export async function userExists(db: Database, userId: bigint): Promise<boolean> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  return user !== undefined;
}

export async function loadMembership(db: Database, serverId: bigint, userId: bigint): Promise<Membership> {
  const membership = await findMembership(db, serverId, userId);
  if (!membership) throw fail.notFound("Server");
  return membership;
}

export async function loadChannelAccess(db: Database, channelId: bigint, userId: bigint) {
  const [row] = await db
    .select({ channel: channels, role: serverMembers.role })
    .from(channels)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(channels.id, channelId));
  if (!row) throw fail.notFound("Channel");
  return { channel: row.channel, membership: { serverId: row.channel.serverId, userId, role: row.role } };
}

/**
 * Throws unless the user may still do `action` in the channel: live subscriptions call it again
 * when memberships change, passing the signal that made them look (`cause`).
 */
export async function assertChannelAccess(db: Database, channelId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, (await loadChannelAccess(db, channelId, userId)).membership));
}

/** Throws unless the user may still do `action` in the server. */
export async function assertServerAccess(db: Database, serverId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, await loadMembership(db, serverId, userId)));
}

/** A lost access that a kick or ban caused says so, so that the client can tell its user why. */
async function explainingRemoval(cause: Signal | undefined, userId: bigint, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const removed = cause?.kind === "access" ? cause.removed : undefined;
    if (removed?.userId !== String(userId)) throw error;
    throw fail.gone(removed.reason === "banned" ? "You were banned from this server" : "You were kicked from this server");
  }
}

export async function loadMessageAccess(db: Database, messageId: bigint, userId: bigint) {
  const [row] = await db
    .select({ message: messages, serverId: channels.serverId, role: serverMembers.role })
    .from(messages)
    .innerJoin(channels, eq(channels.id, messages.channelId))
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, channels.serverId), eq(serverMembers.userId, userId)))
    .where(eq(messages.id, messageId));
  if (!row) throw fail.notFound("Message");
  const author = row.message.authorId === null ? undefined : await findRole(db, row.serverId, row.message.authorId);
  return {
    message: row.message,
    membership: { serverId: row.serverId, userId, role: row.role },
    target: { userId: row.message.authorId, role: author ?? null },
  };
}

async function findRole(db: Database, serverId: bigint, userId: bigint): Promise<Role | undefined> {
  const [row] = await db.select({ role: serverMembers.role }).from(serverMembers).where(membershipOf(serverId, userId));
  return row?.role;
}
