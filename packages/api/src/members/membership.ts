import { type Database, type Transaction, and, eq, memberRoles, roles, serverMembers, sql, users } from "@chat/db";
import { basePermissions } from "@chat/policy/compute-permissions";
import { fail } from "@chat/policy/errors";
import type { Actor } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

import type { Signal } from "../live/signals";

/** A member as the permission table sees them, with the server and their role of the REST v1 API (owner, admin, member). */
export interface Membership extends Actor {
  serverId: bigint;
  role: Role;
  /** Set while they are timed out (or once were: a past time means nothing). */
  timedOutUntil: Date | null;
}

/**
 * The roles the member joined as `server_members` holds (`@everyone` and those assigned to them),
 * aggregated once, as the lateral join `held`: the union of their permission bits, the highest
 * position, the id of `@everyone` and the ids of all (the overwrites that apply, in-channel.ts).
 * One aggregate where each of these was a subquery of its own: the statement plans in half the time.
 */
export const heldRoles = sql`(select coalesce(bit_or(${roles.permissions}), 0) bits, coalesce(max(${roles.position}), 0) rank,
    min(${roles.id}) filter (where ${roles.builtIn} = 'everyone') everyone, array_agg(${roles.id}) ids
  from ${roles} where ${roles.serverId} = ${serverMembers.serverId} and (${roles.builtIn} = 'everyone' or exists (
    select 1 from ${memberRoles} where ${memberRoles.serverId} = ${serverMembers.serverId} and ${memberRoles.userId} = ${serverMembers.userId}
      and ${memberRoles.roleId} = ${roles.id}))) held`;

/**
 * What the permission table needs of the member joined as `server_members`, as columns for the
 * statement that loads the membership (no round trip of their own), from `heldRoles` joined with
 * `withHeldRoles`: the union of their roles' permission bits and the position of the highest.
 * Turn a row into a Membership with `toMembership`.
 */
export const grantColumns = {
  serverId: serverMembers.serverId,
  userId: serverMembers.userId,
  role: serverMembers.role,
  timedOutUntil: serverMembers.timedOutUntil,
  rolePermissions: sql<string>`held.bits::text`,
  rank: sql<number>`held.rank`.mapWith(Number),
};

/** The join that `grantColumns` read from: `query.innerJoinLateral(...withHeldRoles)` (the aggregate always has its one row). */
export const withHeldRoles = [heldRoles, sql`true`] as const;

export function toMembership(row: {
  serverId: bigint;
  userId: bigint;
  role: Role;
  timedOutUntil: Date | null;
  rolePermissions: string;
  rank: number;
}): Membership {
  const owner = row.role === "owner";
  const permissions = basePermissions({ owner, roles: [BigInt(row.rolePermissions)] });
  return { serverId: row.serverId, userId: row.userId, role: row.role, timedOutUntil: row.timedOutUntil, owner, permissions, rank: row.rank };
}

/**
 * The caller's membership in a server: what the procedure builders (core/trpc.ts) load before any
 * handler, and what channel and message access join on. A server the caller is not in is
 * NOT_FOUND, the same as one that does not exist (no IDOR, no leak).
 */
export function membershipOf(serverId: bigint, userId: bigint) {
  return and(eq(serverMembers.serverId, serverId), eq(serverMembers.userId, userId));
}

export async function findMembership(db: Database | Transaction, serverId: bigint, userId: bigint): Promise<Membership | undefined> {
  const [row] = await db.select(grantColumns).from(serverMembers).innerJoinLateral(...withHeldRoles).where(membershipOf(serverId, userId));
  return row && toMembership(row);
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

