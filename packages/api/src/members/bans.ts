import { alias, and, bans, desc, eq, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { banInput, serverIdInput, unbanInput } from "@chat/validators";
import { z } from "zod";

import { recordAudit } from "../audit/record";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { memberProcedure, serverProcedure } from "../core/trpc";
import { isUniqueViolation } from "../errors";
import { banOutput } from "./dto";
import { announceRemoval, deleteMembership, lockServer } from "./removal";

const bannedBy = alias(users, "banned_by_user");

/**
 * member.ban: removes the user (if a member) and keeps them out: every invite refuses them until
 * unbanned. Owners ban anyone but themselves, admins ban members and people outside the server.
 */
export const ban = memberProcedure("member.ban", banInput, { nonMembers: true })
  .meta(
    rest("PUT", "/servers/{serverId}/bans/{userId}", {
      summary: "Ban a user from the server",
      description: "Removes them if they are a member; no invite lets them back until unbanned. 409 when already banned.",
      errors: [400, 403, 404, 409],
    }),
  )
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const serverId = ctx.membership.serverId;
    const reason = input.reason ?? "";
    const server = await ctx.db.transaction(async (tx) => {
      const server = await lockServer(tx, serverId, "update");
      await tx.insert(bans).values({ serverId, userId: ctx.target.userId, reason, bannedBy: ctx.user.id });
      await deleteMembership(tx, serverId, ctx.target.userId);
      const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, ctx.target.userId));
      const target = { id: ctx.target.userId, name: user?.username };
      await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "member.ban", target, details: { reason } });
      return server;
    }).catch((error: unknown) => {
      if (isUniqueViolation(error, "bans_server_id_user_id_pk")) throw fail.conflict("That user is already banned");
      throw error;
    });
    await announceRemoval(ctx, { server, userId: ctx.target.userId, reason: "banned", banReason: reason || null });
    return { ok: true as const };
  });

/** member.unban */
export const unban = serverProcedure("member.unban", unbanInput)
  .meta(rest("DELETE", "/servers/{serverId}/bans/{userId}", { summary: "Lift a ban", errors: [400, 403, 404] }))
  .output(okOutput)
  .mutation(async ({ ctx, input }) => {
    const serverId = ctx.membership.serverId;
    const userId = BigInt(input.userId);
    await ctx.db.transaction(async (tx) => {
      const lifted = await tx
        .delete(bans)
        .where(and(eq(bans.serverId, serverId), eq(bans.userId, userId)))
        .returning({ userId: bans.userId });
      if (lifted.length === 0) throw fail.notFound("Ban");
      const [user] = await tx.select({ username: users.username }).from(users).where(eq(users.id, userId));
      await recordAudit(tx, { serverId, actorId: ctx.user.id, action: "member.unban", target: { id: userId, name: user?.username } });
    });
    return { ok: true as const };
  });

/** member.listBans: the server's bans, newest first, with the reason and who banned. */
export const listBans = serverProcedure("ban.read", serverIdInput)
  .meta(rest("GET", "/servers/{serverId}/bans", { summary: "A server's bans", errors: [400, 403, 404] }))
  .output(z.array(banOutput))
  .query(async ({ ctx }) => {
    const rows = await ctx.db
      .select({
        userId: bans.userId,
        username: users.username,
        reason: bans.reason,
        bannedById: bannedBy.id,
        bannedByName: bannedBy.username,
        createdAt: bans.createdAt,
      })
      .from(bans)
      .innerJoin(users, eq(users.id, bans.userId))
      .leftJoin(bannedBy, eq(bannedBy.id, bans.bannedBy))
      .where(eq(bans.serverId, ctx.membership.serverId))
      .orderBy(desc(bans.createdAt));
    return rows.map((row) => ({
      user: { id: String(row.userId), username: row.username },
      reason: row.reason,
      bannedBy: row.bannedById === null ? null : { id: String(row.bannedById), username: row.bannedByName ?? "" },
      createdAt: row.createdAt,
    }));
  });
