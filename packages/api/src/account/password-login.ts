import { eq, sql, users } from "@chat/db";
import { fail } from "@chat/policy/errors";

import { enforceRateLimit } from "../core/rate-limit";
import type { Context } from "../core/trpc";
import { issueChallenge } from "./login-challenge";
import { decoyHash, verifyPassword } from "./passwords";
import { isTwoFactorOn } from "./second-factor";
import { signIn } from "./sign-in";

/**
 * auth.login's first step. Limits, in order: the address (`loginAddress`), the account from this
 * address (`login`: a guesser blocks only themselves), then the account from every address
 * (`loginAccount`, a high ceiling). Past that ceiling a password alone no longer signs in:
 * - with two-factor on, every attempt gets a challenge — a real one for the right password, a
 *   decoy that no code passes for a wrong one — so the owner still signs in with password + code,
 *   while guessers spread over many addresses learn nothing about the password;
 * - without it (or for an unknown email), 429 without the password being checked.
 */
export async function passwordLogin(ctx: Context, input: { email: string; password: string }) {
  const email = input.email.toLowerCase();
  await enforceRateLimit(ctx.rateLimiter, "loginAddress", ctx.clientAddress);
  await enforceRateLimit(ctx.rateLimiter, "login", `${email} ${ctx.clientAddress}`);
  const pastCeiling = await ctx.rateLimiter.hit("loginAccount", email);
  const [user] = await ctx.db.select().from(users).where(eq(sql`lower(${users.email})`, email));
  const twoFactorOn = user !== undefined && (await isTwoFactorOn(ctx.db, user.id));
  if (pastCeiling > 0 && !twoFactorOn) throw fail.tooManyRequests(pastCeiling);
  // Verify against a decoy when the account is unknown, so the response time does not tell.
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyHash()), input.password);
  if (user && twoFactorOn && (valid || pastCeiling > 0)) {
    return { twoFactorRequired: true as const, challenge: await issueChallenge(ctx.authKey, user, valid) };
  }
  if (!user || !valid) throw fail.unauthorized("Wrong email or password");
  return signIn(ctx, user);
}
