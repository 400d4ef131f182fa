import { type Database, type Transaction, and, eq, serverMembers, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Action, authorize } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

import type { Signal } from "../live/signals";
import { memberColumns } from "./dto";

export interface Membership {
  serverId: bigint;
  userId: bigint;
  role: Role;
  /** Set while they are timed out (or once were: a past time means nothing). */
  timedOutUntil: Date | null;
}

/**
 * The caller's membership in a server: what the procedure builders (core/trpc.ts) load before any
 * handler, and what channel and message access join on. A server the caller is not in is
 * NOT_FOUND, the same as one that does not exist (no IDOR, no leak).
 */
export function membershipOf(serverId: bigint, userId: bigint) {
  return and(eq(serverMembers.serverId, serverId), eq(serverMembers.userId, userId));
}

export async function findMembership(db: Database, serverId: bigint, userId: bigint): Promise<Membership | undefined> {
  const [membership] = await db
    .select({ serverId: serverMembers.serverId, userId: serverMembers.userId, role: serverMembers.role, timedOutUntil: serverMembers.timedOutUntil })
    .from(serverMembers)
    .where(membershipOf(serverId, userId));
  return membership;
}

/** A member as their DTO shows them, locked until the transaction ends: for changes to their membership. */
export async function findMember(tx: Transaction, serverId: bigint, userId: bigint) {
  const [member] = await tx
    .select(memberColumns)
    .from(serverMembers)
    .innerJoin(users, eq(users.id, serverMembers.userId))
    .where(membershipOf(serverId, userId))
    .for("update");
  if (!member) throw fail.notFound("Member");
  return member;
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

/** Throws unless the user may still do `action` in the server. */
export async function assertServerAccess(db: Database, serverId: bigint, userId: bigint, action: Action, cause?: Signal) {
  await explainingRemoval(cause, userId, async () => authorize(action, await loadMembership(db, serverId, userId)));
}

/** A lost access that a kick or ban caused says so, so that the client can tell its user why. */
export async function explainingRemoval(cause: Signal | undefined, userId: bigint, check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    const removed = cause?.kind === "access" ? cause.removed : undefined;
    if (removed?.userId !== String(userId)) throw error;
    throw fail.gone(removed.reason === "banned" ? "You were banned from this server" : "You were kicked from this server");
  }
}

