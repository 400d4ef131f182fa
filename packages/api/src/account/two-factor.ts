import { eq, recoveryCodes, sql, twoFactor } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { twoFactorCodeInput, verifyTwoFactorInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { okOutput } from "../core/dto";
import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import { authedProcedure, publicProcedure } from "../core/trpc";
import { recoveryCodesOutput, twoFactorEnrolmentOutput, twoFactorStatusOutput, sessionOutput } from "./dto";
import { answerChallenge } from "./login-challenge";
import { checkSecondFactor, isTwoFactorOn, issueRecoveryCodes, recoveryCodesLeft } from "./second-factor";
import { seal } from "./secret-box";
import { recordSecurityEvent } from "./security-log";
import { revokeOtherSessions } from "./session-revocation";
import { signIn } from "./sign-in";
import { enrolment, newTotpSecret } from "./totp";

/**
 * TOTP two-factor: enrol (a secret shown once, as a URI and a QR code), confirm with a first
 * code (which turns it on and hands out recovery codes), disable with a code. Turning it on or
 * off signs out every other session. With it on, auth.login returns a challenge that
 * auth.verifyTwoFactor exchanges for a session.
 */
export const twoFactorRouter = {
  status: authedProcedure
    .meta(rest("GET", "/auth/2fa", { summary: "Whether two-factor is on, and recovery codes left" }))
    .output(twoFactorStatusOutput)
    .query(async ({ ctx }) => ({
      enabled: await isTwoFactorOn(ctx.db, ctx.user.id),
      recoveryCodesLeft: await recoveryCodesLeft(ctx.db, ctx.user.id),
    })),

  /** Starts (or restarts) enrolment with a new secret; nothing changes at login until `confirm`. */
  enroll: authedProcedure
    .meta(rest("POST", "/auth/2fa/enroll", { summary: "Start two-factor enrolment", errors: [409] }))
    .output(twoFactorEnrolmentOutput)
    .mutation(async ({ ctx }) => {
      if (await isTwoFactorOn(ctx.db, ctx.user.id)) throw fail.conflict("Two-factor authentication is already on");
      const secret = newTotpSecret();
      const sealed = seal(ctx.authKey, String(ctx.user.id), secret);
      await ctx.db
        .insert(twoFactor)
        .values({ userId: ctx.user.id, secret: sealed })
        .onConflictDoUpdate({ target: twoFactor.userId, set: { secret: sealed, lastUsedStep: null, createdAt: sql`now()` } });
      return enrolment(secret, ctx.user.username);
    }),

  /** The first code from the app turns two-factor on; the recovery codes are shown this once. */
  confirm: authedProcedure
    .meta(
      rest("POST", "/auth/2fa/confirm", {
        summary: "Turn two-factor on with a first code",
        description: "Signs out every other session.",
        errors: [400, 429],
      }),
    )
    .input(twoFactorCodeInput)
    .output(recoveryCodesOutput)
    .mutation(async ({ ctx, input }) => {
      await checkSecondFactor(ctx, ctx.user.id, input.code, { pending: true, recovery: false });
      await ctx.db.update(twoFactor).set({ enabledAt: sql`now()` }).where(eq(twoFactor.userId, ctx.user.id));
      await recordSecurityEvent(ctx, ctx.user.id, "two_factor.enabled");
      await revokeOtherSessions(ctx);
      return { recoveryCodes: await issueRecoveryCodes(ctx.db, ctx.user.id) };
    }),

  /** Turning two-factor off takes a code (or a recovery code). */
  disable: authedProcedure
    .meta(rest("POST", "/auth/2fa/disable", { summary: "Turn two-factor off", description: "Signs out every other session.", errors: [400, 429] }))
    .input(twoFactorCodeInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await checkSecondFactor(ctx, ctx.user.id, input.code);
      await ctx.db.transaction(async (tx) => {
        await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, ctx.user.id));
        await tx.delete(twoFactor).where(eq(twoFactor.userId, ctx.user.id));
      });
      await recordSecurityEvent(ctx, ctx.user.id, "two_factor.disabled");
      await revokeOtherSessions(ctx);
      return { ok: true as const };
    }),

  /** New recovery codes for a code; the old ones stop working. */
  regenerateRecoveryCodes: authedProcedure
    .meta(rest("POST", "/auth/2fa/recovery-codes", { summary: "Replace your recovery codes", errors: [400, 429] }))
    .input(twoFactorCodeInput)
    .output(recoveryCodesOutput)
    .mutation(async ({ ctx, input }) => {
      await checkSecondFactor(ctx, ctx.user.id, input.code, { recovery: false });
      return { recoveryCodes: await issueRecoveryCodes(ctx.db, ctx.user.id) };
    }),
} satisfies TRPCRouterRecord;

/** auth.verifyTwoFactor: the second step of a login with two-factor on. */
export const verifyTwoFactor = publicProcedure
  .meta(
    rest("POST", "/auth/2fa/verify", {
      summary: "Finish signing in with a two-factor or recovery code",
      description: "`challenge` comes from /auth/login when two-factor is on; it lasts 5 minutes and takes 3 codes at most.",
      anonymous: true,
      errors: [400, 401, 429],
    }),
  )
  .input(verifyTwoFactorInput)
  .output(sessionOutput)
  .mutation(async ({ ctx, input }) => {
    await enforceRateLimit(ctx.rateLimiter, "loginAddress", ctx.clientAddress);
    return signIn(ctx, await answerChallenge(ctx, input.challenge, input.code));
  });
