import { and, asc, eq, serverMembers, servers, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";
import { kickInput, listMembersInput, transferOwnershipInput, updateRoleInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { recordAudit } from "../audit/record";
import { loadChannelAccess } from "../channels/access";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { memberProcedure, serverProcedure } from "../core/trpc";
import { signalVisibilityChange } from "../live/publish";
import { seesChannel } from "../overwrites/in-channel";
import { addRole, removeRole } from "../roles/assignment";
import { setAdministrator } from "../roles/built-in";
import { ban, listBans, unban } from "./bans";
import { memberOutput, toMember } from "./dto";
import { findMember, memberColumns, roleRank } from "./member-row";
import { membershipOf } from "./membership";
import { setNickname } from "./nicknames";
import { announceRemoval, deleteMembership, lockServer } from "./removal";
import { removeTimeout, timeout } from "./timeouts";

export const memberRouter = {
  /**
   * Members by role (owner, admins, members), then by name; with `channelId`, those who can see
   * that channel (Discord's member list of a channel), for a caller who sees it themselves.
   */
  list: serverProcedure("member.read", listMembersInput)
    .meta(
      rest("GET", "/servers/{serverId}/members", {
        summary: "A server's members",
        description: "With `channelId`, only those who can see that channel; 404 for a channel you cannot see, or of another server.",
        errors: [400, 404],
      }),
    )
    .output(z.array(memberOutput))
    .query(async ({ ctx, input }) => {
      const channelId = input.channelId === undefined ? undefined : BigInt(input.channelId);
      if (channelId !== undefined) {
        const access = await loadChannelAccess(ctx.db, channelId, ctx.user.id);
        if (access.channel.serverId !== ctx.membership.serverId) throw fail.notFound("Channel");
        authorize("channel.read", access.membership);
      }
      const rows = await ctx.db
        .select(memberColumns)
        .from(serverMembers)
        .innerJoin(users, eq(users.id, serverMembers.userId))
        .where(and(eq(serverMembers.serverId, ctx.membership.serverId), channelId === undefined ? undefined : seesChannel(channelId)))
        .orderBy(roleRank, asc(sql`lower(${users.username})`));
      return rows.map((row) => toMember(row));
    }),

  updateRole: serverProcedure("member.updateRole", updateRoleInput)
    .meta(
      rest("PUT", "/servers/{serverId}/members/{userId}", {
        summary: "Make a member an admin or a member",
        description: "The owner's role changes only by transferring ownership (400).",
        errors: [400, 403, 404],
      }),
    )
    .output(memberOutput)
    .mutation(async ({ ctx, input }) => {
      const member = await ctx.db.transaction(async (tx) => {
        const target = await findMember(tx, ctx.membership.serverId, BigInt(input.userId));
        if (target.role === "owner") throw fail.badRequest("The owner's role changes only by transferring ownership");
        await setAdministrator(tx, ctx.membership.serverId, target.userId, input.role === "admin");
        await recordAudit(tx, {
          serverId: ctx.membership.serverId,
          actorId: ctx.user.id,
          action: "member.role",
          target: { id: target.userId, name: target.username },
          details: { from: target.role, to: input.role },
        });
        return toMember(await findMember(tx, ctx.membership.serverId, target.userId));
      });
      await signalVisibilityChange(ctx, ctx.membership.serverId);
      return member;
    }),

  /** The new owner must already be a member; the previous owner stays on as an admin. */
  transferOwnership: serverProcedure("member.transferOwnership", transferOwnershipInput)
    .output(memberOutput)
    .mutation(async ({ ctx, input }) => {
      const member = await ctx.db.transaction(async (tx) => {
        const serverId = ctx.membership.serverId;
        const target = await findMember(tx, serverId, BigInt(input.userId));
        if (target.userId === ctx.user.id) throw fail.badRequest("You already own this server");
        // No longer the owner, but an admin (setAdministrator leaves an owner's role alone).
        await tx.update(serverMembers).set({ role: "member" }).where(membershipOf(serverId, ctx.user.id));
        await setAdministrator(tx, serverId, ctx.user.id, true);
        await tx.update(serverMembers).set({ role: "owner" }).where(membershipOf(serverId, target.userId));
        await tx.update(servers).set({ ownerId: target.userId }).where(eq(servers.id, serverId));
        const audited = { id: target.userId, name: target.username };
        await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "server.transfer_ownership", target: audited });
        return toMember({ ...target, role: "owner" });
      });
      await signalVisibilityChange(ctx, ctx.membership.serverId);
      return member;
    }),

  /** Kicks (bans are in bans.ts): owners remove anyone else, admins remove members; the removed member's live subscriptions end. */
  remove: memberProcedure("member.remove", kickInput)
    .meta(
      rest("DELETE", "/servers/{serverId}/members/{userId}", {
        summary: "Kick a member",
        description: "They may rejoin with an invite (ban them to keep them out). `reason` goes to the audit log.",
        errors: [400, 403, 404],
      }),
    )
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const serverId = ctx.membership.serverId;
      const server = await ctx.db.transaction(async (tx) => {
        const server = await lockServer(tx, serverId, "update");
        const member = await findMember(tx, serverId, ctx.target.userId);
        await deleteMembership(tx, serverId, member.userId);
        const target = { id: member.userId, name: member.username };
        await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "member.kick", target, details: { reason: input.reason ?? "" } });
        return server;
      });
      await announceRemoval(ctx, { server, userId: ctx.target.userId, reason: "kicked" });
      return { ok: true as const };
    }),

  ban,
  unban,
  listBans,
  timeout,
  removeTimeout,
  setNickname,
  addRole,
  removeRole,
} satisfies TRPCRouterRecord;
