import { type Transaction, eq, memberRoles, roles, serverMembers, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { membershipOf } from "./membership";

/** Owner, admins, members: the order of the member list. */
export const roleRank = sql`case ${serverMembers.role} when 'owner' then 0 when 'admin' then 1 else 2 end`;

/** A member as the DTO tells them, with the roles they hold besides `@everyone`, highest first. */
export const memberColumns = {
  userId: serverMembers.userId,
  username: users.username,
  displayName: users.displayName,
  avatar: users.avatar,
  nickname: serverMembers.nickname,
  role: serverMembers.role,
  joinedAt: serverMembers.joinedAt,
  timedOutUntil: serverMembers.timedOutUntil,
  roleIds: sql<string[]>`(select coalesce(json_agg(${roles.id}::text order by ${roles.position} desc), '[]') from ${memberRoles}
    join ${roles} on ${roles.id} = ${memberRoles.roleId}
    where ${memberRoles.serverId} = ${serverMembers.serverId} and ${memberRoles.userId} = ${serverMembers.userId})`,
};

/** A member as `memberColumns` reads them, locked for the transaction. */
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
