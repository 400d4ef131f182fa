import { and, desc, eq, gt, isNull, sessions, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { sessionIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { authedProcedure } from "../core/trpc";
import { revokedOutput, securityEventOutput, sessionInfoOutput } from "./dto";
import { listSecurityEvents } from "./security-log";
import { describeDevice, revokeOtherSessions, revokeSessions } from "./session-revocation";
import { clearedSessionCookie } from "./session-token";

/** The caller's own sign-ins: one per device or client that logged in. */
export const sessionRouter = {
  /** Active sessions (not revoked, not expired), most recently seen first. */
  list: authedProcedure
    .meta(rest("GET", "/auth/sessions", { summary: "Your active sessions, most recently seen first" }))
    .output(z.array(sessionInfoOutput))
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, ctx.user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
        .orderBy(desc(sessions.lastSeenAt), desc(sessions.id));
      return rows.map((row) => ({
        id: String(row.id),
        device: describeDevice(row.userAgent),
        userAgent: row.userAgent,
        createdAt: row.createdAt,
        lastSeenAt: row.lastSeenAt,
        current: row.id === ctx.sessionId,
      }));
    }),

  /** Signs a device out: its token stops working and its live connections close. Your current one signs you out. */
  revoke: authedProcedure
    .meta(rest("DELETE", "/auth/sessions/{sessionId}", { summary: "Revoke one of your sessions", errors: [400, 404] }))
    .input(sessionIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const sessionId = BigInt(input.sessionId);
      if ((await revokeSessions(ctx, ctx.user.id, eq(sessions.id, sessionId))) === 0) throw fail.notFound("Session");
      if (sessionId === ctx.sessionId) ctx.responseHeaders?.append("set-cookie", clearedSessionCookie(ctx.secureCookies));
      return { ok: true as const };
    }),

  /** Signs out every other device; this one stays signed in. */
  revokeOthers: authedProcedure
    .meta(rest("POST", "/auth/sessions/revoke-others", { summary: "Revoke all your sessions but this one" }))
    .output(revokedOutput)
    .mutation(async ({ ctx }) => ({ revoked: await revokeOtherSessions(ctx) })),

  /** The account's security log, newest first: wrong sign-in codes, password and two-factor changes. */
  securityLog: authedProcedure
    .meta(rest("GET", "/auth/security-log", { summary: "Your security log: wrong sign-in codes, password and two-factor changes" }))
    .output(z.array(securityEventOutput))
    .query(({ ctx }) => listSecurityEvents(ctx.db, ctx.user.id)),
} satisfies TRPCRouterRecord;
