import { type ChallengeClaims, decoyChallengeKey, passwordStamp, signChallengeToken, verifyChallengeToken } from "@chat/auth";
import { type User, eq, users } from "@chat/db";
import { DomainError, fail } from "@chat/policy/errors";

import type { Context } from "../core/trpc";
import { checkSecondFactor, wrongCode } from "./second-factor";
import { recordSecurityEvent } from "./security-log";

/**
 * The second step of a login with two-factor on. A challenge names the user, carries an id (codes
 * are counted per challenge: `twoFactorChallenge`, after which it is void) and a stamp of the
 * password hash (a password change voids it). A decoy challenge, handed out for a wrong password
 * once an account is past its sign-in ceiling (password-login.ts), looks the same and never passes.
 */
export function issueChallenge(authKey: Uint8Array, user: User, passwordRight: boolean): Promise<string> {
  const claims = { userId: String(user.id), passwordStamp: passwordStamp(user.passwordHash, authKey) };
  return signChallengeToken(claims, passwordRight ? authKey : decoyChallengeKey(authKey));
}

async function openChallenge(authKey: Uint8Array, token: string): Promise<(ChallengeClaims & { decoy: boolean }) | null> {
  const real = await verifyChallengeToken(token, authKey);
  if (real) return { ...real, decoy: false };
  const decoy = await verifyChallengeToken(token, decoyChallengeKey(authKey));
  return decoy && { ...decoy, decoy: true };
}

const startAgain = (why: string) => fail.unauthorized(`${why}: enter your password again`);

/** The user a challenge and a code sign in; a wrong code is written to the user's security log. */
export async function answerChallenge(ctx: Context, token: string, code: string): Promise<User> {
  const challenge = await openChallenge(ctx.authKey, token);
  if (!challenge) throw startAgain("The sign-in took too long");
  if ((await ctx.rateLimiter.hit("twoFactorChallenge", challenge.challengeId)) > 0) throw startAgain("Too many wrong codes");
  if (challenge.decoy) throw wrongCode();
  const [user] = await ctx.db.select().from(users).where(eq(users.id, BigInt(challenge.userId)));
  // The same answer as an expired challenge: whoever holds it learns nothing of a password change.
  if (!user || passwordStamp(user.passwordHash, ctx.authKey) !== challenge.passwordStamp) throw startAgain("The sign-in took too long");
  try {
    await checkSecondFactor(ctx, user.id, code);
  } catch (error) {
    if (error instanceof DomainError && error.code === "UNAUTHORIZED") await recordSecurityEvent(ctx, user.id, "sign_in.code_failed");
    throw error;
  }
  return user;
}
