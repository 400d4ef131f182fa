import { eq, nextId, sessions, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { changePasswordInput, loginInput, signupInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { okOutput } from "../core/dto";
import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import { authedProcedure, publicProcedure } from "../core/trpc";
import { isUniqueViolation } from "../errors";
import { revokedOutput, twoFactorChallengeOutput, selfOutput, sessionOutput, toSelf } from "./dto";
import { passwordLogin } from "./password-login";
import { hashPassword, verifyPassword } from "./passwords";
import { recordSecurityEvent } from "./security-log";
import { revokeOtherSessions, revokeSessions } from "./session-revocation";
import { clearedSessionCookie } from "./session-token";
import { signIn } from "./sign-in";
import { verifyTwoFactor } from "./two-factor";

export const authRouter = {
  /**
   * "That email is already registered" stays a plain 409 (people need to hear it), but an address
   * gets at most `signupEmailTaken` of them an hour; past that it may not sign up at all until the
   * window ends, since its answers would still tell a registered email (429) from a free one (an account).
   */
  signup: publicProcedure
    .meta(rest("POST", "/auth/signup", { summary: "Create an account and sign in", anonymous: true, errors: [400, 409, 429] }))
    .input(signupInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const enumerating = await ctx.rateLimiter.peek("signupEmailTaken", ctx.clientAddress);
      if (enumerating > 0) throw fail.tooManyRequests(enumerating);
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
        if (isUniqueViolation(error, "users_email_lower_key")) {
          await enforceRateLimit(ctx.rateLimiter, "signupEmailTaken", ctx.clientAddress);
          throw fail.conflict("That email is already registered");
        }
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
    .mutation(({ ctx, input }) => passwordLogin(ctx, input)),

  verifyTwoFactor,

  me: authedProcedure
    .meta(rest("GET", "/auth/me", { summary: "The signed-in user" }))
    .output(selfOutput)
    // From the session the context read (cached a few seconds): an authenticated no-op makes no query.
    .query(({ ctx }) => toSelf(ctx.user)),

  /**
   * Needs the current password; always signs out every other device (`revoked` counts them) and
   * voids login challenges issued before. `endOtherSessions` is accepted for v1 clients and ignored.
   */
  changePassword: authedProcedure
    .meta(
      rest("POST", "/auth/password", {
        summary: "Change your password",
        description:
          "Signs out every other session (`revoked` counts them) and voids pending two-factor sign-ins. " +
          "`endOtherSessions` is deprecated and ignored.",
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
      await recordSecurityEvent(ctx, user.id, "password.changed");
      return { revoked: await revokeOtherSessions(ctx) };
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
