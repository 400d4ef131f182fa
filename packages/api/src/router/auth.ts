import { decoyHash, hashPassword, signChallengeToken, verifyPassword } from "@chat/auth";
import { eq, ne, nextId, sessions, sql, users } from "@chat/db";
import { changePasswordInput, loginInput, signupInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { fail, isUniqueViolation } from "../errors";
import { okOutput, selfOutput, sessionOutput, toSelf } from "../lib/dto";
import { revokedOutput, twoFactorChallengeOutput } from "../lib/dto-moderation";
import { enforceRateLimit } from "../lib/rate-limit";
import { rest } from "../lib/rest";
import { clearedSessionCookie } from "../lib/session";
import { revokeSessions } from "../lib/session-revocation";
import { signIn } from "../lib/sign-in";
import { isTwoFactorOn } from "../lib/two-factor";
import { authedProcedure, publicProcedure } from "../trpc";
import { verifyTwoFactor } from "./two-factor";

export const authRouter = {
  signup: publicProcedure
    .meta(rest("POST", "/auth/signup", { summary: "Create an account and sign in", anonymous: true, errors: [400, 409, 429] }))
    .input(signupInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "signup", ctx.clientAddress);
      const passwordHash = await hashPassword(input.password);
      try {
        const [user] = await ctx.db
          .insert(users)
          .values({ id: nextId(), username: input.username, email: input.email.toLowerCase(), passwordHash })
          .returning();
        return await signIn(ctx, user!);
      } catch (error) {
        if (isUniqueViolation(error, "users_username_lower_key")) throw fail.conflict("That username is taken");
        if (isUniqueViolation(error, "users_email_lower_key")) throw fail.conflict("That email is already registered");
        throw error;
      }
    }),

  /** With two-factor on, answers a challenge instead of a session: finish with auth.verifyTwoFactor. */
  login: publicProcedure
    .meta(
      rest("POST", "/auth/login", {
        summary: "Sign in with email and password",
        description: "With two-factor on, the answer is `{ twoFactorRequired, challenge }`: finish at /auth/2fa/verify.",
        anonymous: true,
        errors: [400, 401, 429],
      }),
    )
    .input(loginInput)
    .output(z.union([sessionOutput, twoFactorChallengeOutput]))
    .mutation(async ({ ctx, input }) => {
      const email = input.email.toLowerCase();
      await enforceRateLimit(ctx.rateLimiter, "login", email);
      await enforceRateLimit(ctx.rateLimiter, "loginAddress", ctx.clientAddress);
      const [user] = await ctx.db.select().from(users).where(eq(sql`lower(${users.email})`, email));
      // Verify against a decoy when the account is unknown, so the response time does not tell.
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
      if (!user || !valid) throw fail.unauthorized("Wrong email or password");
      if (await isTwoFactorOn(ctx.db, user.id)) {
        return { twoFactorRequired: true as const, challenge: await signChallengeToken(String(user.id), ctx.authKey) };
      }
      return signIn(ctx, user);
    }),

  verifyTwoFactor,

  me: authedProcedure
    .meta(rest("GET", "/auth/me", { summary: "The signed-in user" }))
    .output(selfOutput)
    .query(async ({ ctx }) => {
      const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.user.id));
      if (!user) throw fail.unauthorized();
      return toSelf(user);
    }),

  /** Needs the current password; `endOtherSessions` signs out every other device. */
  changePassword: authedProcedure
    .meta(
      rest("POST", "/auth/password", {
        summary: "Change your password",
        description: "`endOtherSessions: true` signs out every other device; `revoked` counts them.",
        errors: [400, 401, 429],
      }),
    )
    .input(changePasswordInput)
    .output(revokedOutput)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "changePassword", String(ctx.user.id));
      const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.user.id));
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw fail.unauthorized("Your current password is not that");
      }
      await ctx.db.update(users).set({ passwordHash: await hashPassword(input.newPassword) }).where(eq(users.id, user.id));
      const others = input.endOtherSessions ? await revokeSessions(ctx, user.id, ne(sessions.id, ctx.sessionId)) : 0;
      return { revoked: others };
    }),

  logout: authedProcedure
    .meta(rest("POST", "/auth/logout", { summary: "Revoke this token" }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await revokeSessions(ctx, ctx.user.id, eq(sessions.id, ctx.sessionId));
      ctx.responseHeaders?.append("set-cookie", clearedSessionCookie(ctx.secureCookies));
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
