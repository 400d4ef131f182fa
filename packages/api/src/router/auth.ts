import { decoyHash, hashPassword, verifyPassword } from "@chat/auth";
import { eq, nextId, sql, users } from "@chat/db";
import { loginInput, signupInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { fail, isUniqueViolation } from "../errors";
import { okOutput, selfOutput, sessionOutput, toSelf } from "../lib/dto";
import { enforceRateLimit } from "../lib/rate-limit";
import { rest } from "../lib/rest";
import { clearedSessionCookie, revokeSession, sessionCookie, startSession } from "../lib/session";
import { type Context, authedProcedure, publicProcedure } from "../trpc";

async function signIn(ctx: Context, user: typeof users.$inferSelect) {
  const { token, expiresAt } = await startSession(ctx.db, ctx.authKey, user.id, ctx.headers.get("user-agent"));
  ctx.responseHeaders?.append("set-cookie", sessionCookie(token, expiresAt, ctx.secureCookies));
  return { token, user: toSelf(user) };
}

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

  login: publicProcedure
    .meta(rest("POST", "/auth/login", { summary: "Sign in with email and password", anonymous: true, errors: [400, 401, 429] }))
    .input(loginInput)
    .output(sessionOutput)
    .mutation(async ({ ctx, input }) => {
      const email = input.email.toLowerCase();
      await enforceRateLimit(ctx.rateLimiter, "login", email);
      await enforceRateLimit(ctx.rateLimiter, "loginAddress", ctx.clientAddress);
      const [user] = await ctx.db.select().from(users).where(eq(sql`lower(${users.email})`, email));
      // Verify against a decoy when the account is unknown, so the response time does not tell.
      const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
      if (!user || !valid) throw fail.unauthorized("Wrong email or password");
      return signIn(ctx, user);
    }),

  me: authedProcedure
    .meta(rest("GET", "/auth/me", { summary: "The signed-in user" }))
    .output(selfOutput)
    .query(async ({ ctx }) => {
      const [user] = await ctx.db.select().from(users).where(eq(users.id, ctx.user.id));
      if (!user) throw fail.unauthorized();
      return toSelf(user);
    }),

  logout: authedProcedure
    .meta(rest("POST", "/auth/logout", { summary: "Revoke this token" }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await revokeSession(ctx.db, ctx.sessionId);
      ctx.responseHeaders?.append("set-cookie", clearedSessionCookie(ctx.secureCookies));
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
