import { type SQL, alias, and, desc, eq, invites, isNull, servers, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { createInviteInput, inviteCodeInput, revokeInviteInput, serverIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { auditBy, recordAudit } from "../audit/record";
import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import { type Context, publicProcedure, serverProcedure } from "../core/trpc";
import { withFreshCode } from "./code";
import { inviteOutput, invitePreviewOutput } from "./dto";
import { assertUsable, inviteLifetime, inviteState, memberCount, resolveCode } from "./rules";

const creator = alias(users, "invite_creator");

async function listInvites(ctx: Pick<Context, "db">, where: SQL | undefined) {
  const rows = await ctx.db
    .select({ invite: invites, creatorName: creator.username })
    .from(invites)
    .leftJoin(creator, eq(creator.id, invites.createdBy))
    .where(where)
    .orderBy(desc(invites.createdAt), desc(invites.code));
  return rows.map(({ invite, creatorName }) => ({
    code: invite.code,
    serverId: String(invite.serverId),
    createdBy: invite.createdBy === null ? null : { id: String(invite.createdBy), username: creatorName ?? "" },
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    maxUses: invite.maxUses,
    uses: invite.uses,
    state: inviteState(invite),
  }));
}

export const inviteRouter = {
  /** An invite besides the standing code, limited in time and uses: any member's own (see `inviteLifetime`). */
  create: serverProcedure("invite.create", createInviteInput)
    .meta(rest("POST", "/servers/{serverId}/invites", { summary: "Create an invite", errors: [400, 403, 404] }))
    .output(inviteOutput)
    .mutation(async ({ ctx, input }) => {
      const lifetime = inviteLifetime(ctx.membership, input.expiresInSeconds);
      const code = await withFreshCode("invites_pkey", (code) =>
        ctx.db.transaction(async (tx) => {
          const expiresAt = lifetime ? sql`now() + make_interval(secs => ${lifetime})` : null;
          const values = { code, serverId: ctx.membership.serverId, createdBy: ctx.user.id, maxUses: input.maxUses ?? null, expiresAt };
          const [invite] = await tx.insert(invites).values(values).returning();
          const details = { maxUses: invite!.maxUses, expiresAt: invite!.expiresAt?.toISOString() ?? null };
          await recordAudit(tx, { ...auditBy(ctx), action: "invite.create", target: { id: code }, details });
          return code;
        }),
      );
      const [invite] = await listInvites(ctx, eq(invites.code, code));
      return invite!;
    }),

  /** The server's invites, newest first, each with its state (active, expired, used up or revoked). */
  list: serverProcedure("invite.manage", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/invites", { summary: "A server's invites", errors: [400, 403, 404] }))
    .output(z.array(inviteOutput))
    .query(({ ctx }) => listInvites(ctx, eq(invites.serverId, ctx.membership.serverId))),

  /** Revoking twice is harmless; the code stops working at once. */
  revoke: serverProcedure("invite.manage", revokeInviteInput)
    .meta(rest("DELETE", "/servers/{serverId}/invites/{code}", { summary: "Revoke an invite", errors: [400, 403, 404] }))
    .output(inviteOutput)
    .mutation(async ({ ctx, input }) => {
      const ofServer = and(eq(invites.code, input.code), eq(invites.serverId, ctx.membership.serverId));
      await ctx.db.transaction(async (tx) => {
        const revoked = await tx
          .update(invites)
          .set({ revokedAt: sql`now()` })
          .where(and(ofServer, isNull(invites.revokedAt)))
          .returning({ code: invites.code });
        if (revoked.length > 0) await recordAudit(tx, { ...auditBy(ctx), action: "invite.revoke", target: { id: input.code } });
      });
      const [invite] = await listInvites(ctx, ofServer);
      if (!invite) throw fail.notFound("Invite");
      return invite;
    }),

  /** What a code leads to, before joining: open to anyone holding the code. */
  preview: publicProcedure
    .meta(
      rest("GET", "/invites/{code}", {
        summary: "The server an invite leads to, and its member count",
        description: "404 for an unknown code, and for an expired, used-up or revoked invite (the message says which).",
        anonymous: true,
        errors: [400, 404, 429],
      }),
    )
    .input(inviteCodeInput)
    .output(invitePreviewOutput)
    .query(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "invitePreview", ctx.clientAddress);
      const { serverId, invite } = await resolveCode(ctx.db, input.code);
      assertUsable(invite);
      const [server] = await ctx.db.select().from(servers).where(eq(servers.id, serverId));
      if (!server) throw fail.notFound("Invite");
      return {
        code: input.code,
        server: { id: String(server.id), name: server.name, memberCount: await memberCount(ctx.db, server.id) },
        expiresAt: invite?.expiresAt ?? null,
        usesLeft: invite?.maxUses == null ? null : invite.maxUses - invite.uses,
      };
    }),
} satisfies TRPCRouterRecord;
