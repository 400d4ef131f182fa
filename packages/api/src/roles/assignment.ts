/**
 * Giving a member a role and taking it back (`member.addRole`, `member.removeRole`): one needs
 * MANAGE_ROLES, to stand above the member (or be them), and to be able to manage the role itself
 * (below one's highest, granting nothing one lacks). Both are idempotent.
 */
import { type Transaction, and, eq, memberRoles } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";
import { memberRoleInput } from "@chat/validators";

import { recordAudit } from "../audit/record";
import { rest } from "../core/rest";
import { type Context, memberProcedure } from "../core/trpc";
import { signalVisibilityChange } from "../live/publish";
import { type MemberDto, memberOutput, toMember } from "../members/dto";
import { findMember } from "../members/member-row";
import type { Membership } from "../members/membership";
import { lockServer } from "../members/removal";
import { publishActivity } from "../unread/activity";
import { findRole, roleTarget } from "./access";
import { setAdministrator } from "./built-in";

interface Assignment {
  membership: Membership;
  userId: bigint;
  roleId: bigint;
  held: boolean;
}

async function assign(tx: Transaction, { membership, userId, roleId, held }: Assignment) {
  const { serverId } = membership;
  await lockServer(tx, serverId, "share"); // role moves and deletions take it for update
  const role = await findRole(tx, serverId, roleId);
  if (role.builtIn === "everyone") throw fail.badRequest("Every member holds @everyone");
  authorize("role.manage", membership, roleTarget(role));
  const member = await findMember(tx, serverId, userId);
  if (role.builtIn === "admin") await setAdministrator(tx, serverId, userId, held);
  else if (held) await tx.insert(memberRoles).values({ serverId, userId, roleId }).onConflictDoNothing();
  else await tx.delete(memberRoles).where(and(eq(memberRoles.serverId, serverId), eq(memberRoles.userId, userId), eq(memberRoles.roleId, roleId)));
  await recordAudit(tx, {
    serverId,
    actorId: membership.userId,
    action: held ? "member.add_role" : "member.remove_role",
    target: { id: userId, name: member.username },
    details: { roleId: String(role.id), roleName: role.name },
  });
  return toMember(await findMember(tx, serverId, userId));
}

async function assignAndSignal(ctx: Pick<Context, "db" | "realtime" | "log">, assignment: Assignment): Promise<MemberDto> {
  const member = await ctx.db.transaction((tx) => assign(tx, assignment));
  const serverId = assignment.membership.serverId;
  // What the member may do changed: their live subscriptions re-check access; member lists (names' colours) follow.
  await signalVisibilityChange(ctx, serverId);
  void publishActivity(ctx, { type: "member", serverId: String(serverId), member });
  return member;
}

export const addRole = memberProcedure("member.assignRole", memberRoleInput)
  .meta(
    rest("PUT", "/servers/{serverId}/members/{userId}/roles/{roleId}", {
      summary: "Give a member a role",
      description: "Needs MANAGE_ROLES, a role below your highest and granting nothing you lack, and a member below you (or yourself).",
      errors: [400, 403, 404],
    }),
  )
  .output(memberOutput)
  .mutation(({ ctx, input }) =>
    assignAndSignal(ctx, { membership: ctx.membership, userId: ctx.target.userId, roleId: BigInt(input.roleId), held: true }),
  );

export const removeRole = memberProcedure("member.assignRole", memberRoleInput)
  .meta(
    rest("DELETE", "/servers/{serverId}/members/{userId}/roles/{roleId}", {
      summary: "Take a role from a member",
      description: "The same rules as giving it.",
      errors: [400, 403, 404],
    }),
  )
  .output(memberOutput)
  .mutation(({ ctx, input }) =>
    assignAndSignal(ctx, { membership: ctx.membership, userId: ctx.target.userId, roleId: BigInt(input.roleId), held: false }),
  );
