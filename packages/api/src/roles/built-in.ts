import { type Transaction, and, eq, memberRoles, ne, roles, serverMembers, sql } from "@chat/db";

import { membershipOf } from "../members/membership";

/** The id of a server's built-in Admin role, as a subquery. */
export const adminRoleOf = (serverId: bigint) =>
  sql`(select ${roles.id} from ${roles} where ${roles.serverId} = ${serverId} and ${roles.builtIn} = 'admin')`;

/**
 * Makes a member an administrator or not: the built-in Admin role and the REST v1 role that says
 * so (`server_members.role`, admin or member) change together. The owner's REST v1 role stays
 * owner (it changes only by a transfer), whatever roles they hold.
 */
export async function setAdministrator(tx: Transaction, serverId: bigint, userId: bigint, admin: boolean): Promise<void> {
  await tx
    .update(serverMembers)
    .set({ role: admin ? "admin" : "member" })
    .where(and(membershipOf(serverId, userId), ne(serverMembers.role, "owner")));
  if (admin) {
    await tx.insert(memberRoles).values({ serverId, userId, roleId: adminRoleOf(serverId) }).onConflictDoNothing();
  } else {
    await tx
      .delete(memberRoles)
      .where(and(eq(memberRoles.serverId, serverId), eq(memberRoles.userId, userId), eq(memberRoles.roleId, adminRoleOf(serverId))));
  }
}
