/**
 * A server's roles: list, create, change, move, delete. Positions stay dense (`@everyone` 0, the
 * highest the count less one): every change of positions happens under the server row's lock,
 * so concurrent creations, moves and deletions apply one after another.
 */
import { type RoleRow, type Transaction, and, count, desc, eq, gt, gte, lt, lte, nextId, permissionOverwrites, roles, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { namesOf, permissionsFromString } from "@chat/policy/permission-flags";
import { authorize } from "@chat/policy/permissions";
import { changeRoleInput, createRoleInput, limits, moveRoleInput, roleIdInput, serverIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { auditBy, recordAudit } from "../audit/record";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { type Context, roleProcedure, serverProcedure } from "../core/trpc";
import { signalAccessChange, signalVisibilityChange } from "../live/publish";
import { topics } from "../live/signals";
import type { Membership } from "../members/membership";
import { lockServer } from "../members/removal";
import { publishActivity } from "../unread/activity";
import { findRole, roleTarget } from "./access";
import { roleOutput, toRole } from "./dto";

const serverRoles = (serverId: bigint) => eq(roles.serverId, serverId);

function listRoles(db: Context["db"] | Transaction, serverId: bigint) {
  return db.select().from(roles).where(serverRoles(serverId)).orderBy(desc(roles.position));
}

/** Locks the server (ordering every change of positions), then the role, judged again as it is now. */
async function lockRole(tx: Transaction, membership: Membership, roleId: bigint) {
  await lockServer(tx, membership.serverId, "update");
  const role = await findRole(tx, membership.serverId, roleId);
  authorize("role.manage", membership, roleTarget(role));
  return role;
}

const describePermissions = (bits: bigint) => namesOf(bits).join(", ");

/** After a change commits: the server's members hear of its roles as they now stand, highest first. */
function announceRoles(ctx: Pick<Context, "realtime" | "log">, serverId: bigint, all: RoleRow[]) {
  void publishActivity(ctx, { type: "roles", serverId: String(serverId), roles: all.map(toRole) });
}

export const roleRouter = {
  /** Highest first, as the member list and the settings show them. */
  list: serverProcedure("role.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/roles", { summary: "A server's roles, highest first", errors: [400, 404] }))
    .output(z.array(roleOutput))
    .query(async ({ ctx }) => (await listRoles(ctx.db, ctx.membership.serverId)).map(toRole)),

  /** A new role starts at the bottom, just above `@everyone`. */
  create: serverProcedure("role.manage", createRoleInput)
    .meta(
      rest("POST", "/servers/{serverId}/roles", {
        summary: "Create a role, just above @everyone",
        description: "Needs MANAGE_ROLES and a role of your own above @everyone; the role grants nothing you lack.",
        errors: [400, 403, 404],
      }),
    )
    .output(roleOutput)
    .mutation(async ({ ctx, input }) => {
      const { serverId: _serverId, permissions: requested, colour, ...fields } = input;
      const permissions = requested === undefined ? 0n : permissionsFromString(requested);
      authorize("role.manage", ctx.membership, roleTarget({ position: 0, permissions }));
      const serverId = ctx.membership.serverId;
      const { role, all } = await ctx.db.transaction(async (tx) => {
        await lockServer(tx, serverId, "update");
        const [existing] = await tx.select({ n: count() }).from(roles).where(serverRoles(serverId));
        if (existing!.n >= limits.rolesPerServer.max) throw fail.badRequest(`A server has at most ${limits.rolesPerServer.max} roles`);
        await tx.update(roles).set({ position: sql`${roles.position} + 1` }).where(and(serverRoles(serverId), gte(roles.position, 1)));
        const [created] = await tx
          .insert(roles)
          .values({ id: nextId(), serverId, position: 1, ...fields, colour: colour ?? null, permissions })
          .returning();
        const details = { permissions: describePermissions(permissions) };
        await recordAudit(tx, { ...auditBy(ctx), action: "role.create", target: { id: created!.id, name: created!.name }, details });
        return { role: created!, all: await listRoles(tx, serverId) };
      });
      announceRoles(ctx, serverId, all);
      return toRole(role);
    }),

  update: roleProcedure("role.manage", changeRoleInput)
    .meta(
      rest("PATCH", "/servers/{serverId}/roles/{roleId}", {
        summary: "Change a role's name, colour, permissions, mentionable or hoist",
        description: "Only roles below your highest; the permissions you give must be yours. @everyone keeps its name; Admin keeps ADMINISTRATOR.",
        errors: [400, 403, 404],
      }),
    )
    .output(roleOutput)
    .mutation(async ({ ctx, input }) => {
      const { serverId: _serverId, roleId: _roleId, ...change } = input;
      const permissions = change.permissions === undefined ? undefined : permissionsFromString(change.permissions);
      if (ctx.role.builtIn === "everyone" && change.name !== undefined) throw fail.badRequest("@everyone keeps its name");
      if (ctx.role.builtIn === "admin" && permissions !== undefined) throw fail.badRequest("The Admin role's permissions are fixed: it makes administrators");
      if (permissions !== undefined) authorize("role.manage", ctx.membership, roleTarget({ position: ctx.role.position, permissions }));
      const serverId = ctx.membership.serverId;
      const { updated, all } = await ctx.db.transaction(async (tx) => {
        const before = await lockRole(tx, ctx.membership, ctx.role.id);
        const [after] = await tx
          .update(roles)
          .set({ ...change, permissions })
          .where(eq(roles.id, before.id))
          .returning();
        const details = Object.fromEntries(
          (["name", "colour", "mentionable", "hoist"] as const)
            .filter((field) => before[field] !== after![field])
            .map((field) => [field, { from: before[field], to: after![field] }]),
        );
        if (before.permissions !== after!.permissions) {
          details.permissions = { from: describePermissions(before.permissions), to: describePermissions(after!.permissions) };
        }
        await recordAudit(tx, { ...auditBy(ctx), action: "role.update", target: { id: after!.id, name: after!.name }, details });
        return { updated: after!, all: await listRoles(tx, serverId) };
      });
      if (permissions !== undefined) await signalVisibilityChange(ctx, serverId);
      announceRoles(ctx, serverId, all);
      return toRole(updated);
    }),

  /** Moves a role to `position`, shifting those between; answers every role, highest first. */
  move: roleProcedure("role.manage", moveRoleInput)
    .meta(
      rest("PUT", "/servers/{serverId}/roles/{roleId}/position", {
        summary: "Move a role in the hierarchy",
        description: "Both its place and the new one must be below your highest role; @everyone stays at 0.",
        errors: [400, 403, 404],
      }),
    )
    .output(z.array(roleOutput))
    .mutation(async ({ ctx, input }) => {
      if (ctx.role.builtIn === "everyone") throw fail.badRequest("@everyone stays at the bottom");
      authorize("role.manage", ctx.membership, roleTarget({ position: input.position, permissions: ctx.role.permissions }));
      const serverId = ctx.membership.serverId;
      const moved = await ctx.db.transaction(async (tx) => {
        const role = await lockRole(tx, ctx.membership, ctx.role.id);
        const [existing] = await tx.select({ n: count() }).from(roles).where(serverRoles(serverId));
        if (input.position >= existing!.n) throw fail.badRequest(`Positions go from 1 to ${existing!.n - 1}`);
        const [from, to] = [role.position, input.position];
        if (to < from) {
          await tx.update(roles).set({ position: sql`${roles.position} + 1` }).where(and(serverRoles(serverId), gte(roles.position, to), lt(roles.position, from)));
        } else if (to > from) {
          await tx.update(roles).set({ position: sql`${roles.position} - 1` }).where(and(serverRoles(serverId), gt(roles.position, from), lte(roles.position, to)));
        }
        await tx.update(roles).set({ position: to }).where(eq(roles.id, role.id));
        if (to !== from) await recordAudit(tx, { ...auditBy(ctx), action: "role.move", target: { id: role.id, name: role.name }, details: { from, to } });
        return listRoles(tx, serverId);
      });
      // The hierarchy decides who may act on whom: clients re-read it.
      await signalAccessChange(ctx, topics.server(serverId));
      announceRoles(ctx, serverId, moved);
      return moved.map(toRole);
    }),

  delete: roleProcedure("role.manage", roleIdInput)
    .meta(
      rest("DELETE", "/servers/{serverId}/roles/{roleId}", {
        summary: "Delete a role; its holders lose it",
        description: "Built-in roles (@everyone, Admin) stay.",
        errors: [400, 403, 404],
      }),
    )
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      if (ctx.role.builtIn) throw fail.badRequest("Built-in roles cannot be deleted");
      const serverId = ctx.membership.serverId;
      const all = await ctx.db.transaction(async (tx) => {
        const role = await lockRole(tx, ctx.membership, ctx.role.id);
        await tx.delete(roles).where(eq(roles.id, role.id));
        // Overwrites name their target without a foreign key (a role or a user): they go with it.
        await tx.delete(permissionOverwrites).where(and(eq(permissionOverwrites.targetType, "role"), eq(permissionOverwrites.targetId, role.id)));
        await tx.update(roles).set({ position: sql`${roles.position} - 1` }).where(and(serverRoles(serverId), gt(roles.position, role.position)));
        await recordAudit(tx, { ...auditBy(ctx), action: "role.delete", target: { id: role.id, name: role.name } });
        return listRoles(tx, serverId);
      });
      await signalVisibilityChange(ctx, serverId);
      announceRoles(ctx, serverId, all);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
