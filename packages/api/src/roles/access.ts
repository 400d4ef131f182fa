import { type Database, type RoleRow, type Transaction, and, eq, roles, serverMembers } from "@chat/db";
import { fail } from "@chat/policy/errors";
import type { Target } from "@chat/policy/permissions";

import { grantColumns, toMembership, withHeldRoles } from "../members/membership";

/**
 * A role of a server with the caller's membership there, in one statement: an unknown role, one
 * of another server and a server the caller is not in all give the same NOT_FOUND.
 */
export async function loadRoleAccess(db: Database, serverId: bigint, roleId: bigint, userId: bigint) {
  const [row] = await db
    .select({ ...grantColumns, target: roles })
    .from(roles)
    .innerJoin(serverMembers, and(eq(serverMembers.serverId, roles.serverId), eq(serverMembers.userId, userId)))
    .innerJoinLateral(...withHeldRoles)
    .where(and(eq(roles.id, roleId), eq(roles.serverId, serverId)));
  if (!row) throw fail.notFound("Role");
  return { role: row.target, membership: toMembership(row) };
}

/** A role of the server, locked for the transaction (the server's lock orders role changes; see the router). */
export async function findRole(tx: Transaction, serverId: bigint, roleId: bigint): Promise<RoleRow> {
  const [role] = await tx.select().from(roles).where(and(eq(roles.id, roleId), eq(roles.serverId, serverId))).for("update");
  if (!role) throw fail.notFound("Role");
  return role;
}

/** A role as the permission table judges it: where it stands and what it grants (`permissions` as it is or would be). */
export function roleTarget(role: { position: number; permissions: bigint }): Target {
  return { userId: null, owner: false, rank: role.position, permissions: role.permissions };
}
