import { createHmac, randomBytes } from "node:crypto";

import { errors, jwtVerify, SignJWT } from "jose";

/**
 * The short-lived proof that a password was right, for accounts with two-factor on: login
 * returns it instead of a session, and only a valid second factor turns it into one. Its own
 * `typ` keeps it from ever passing as a session token (and a session token from passing as it).
 * Each carries an id (`jti`), so that codes can be counted per challenge, and a stamp of the
 * password hash it was issued against, so that a password change voids it.
 */
const TYPE = "2fa-challenge+jwt";
const ISSUER = "chat-rtc";
const ALGORITHM = "HS256";

export const CHALLENGE_TTL_SECONDS = 5 * 60;

export interface ChallengeClaims {
  userId: string;
  challengeId: string;
  passwordStamp: string;
}

/**
 * A keyed digest of a password hash: equal while the password is unchanged, and it tells nothing
 * of the hash (a challenge's payload is readable by whoever holds it).
 */
export function passwordStamp(passwordHash: string, key: Uint8Array): string {
  return createHmac("sha256", key).update(`password-stamp:${passwordHash}`).digest("base64url").slice(0, 22);
}

/**
 * The key of decoy challenges: they look like challenges to anyone without the secret, and verify
 * under this key only, never as real ones. See auth.login past an account's ceiling.
 */
export function decoyChallengeKey(key: Uint8Array): Uint8Array {
  return createHmac("sha256", key).update("2fa-challenge decoy").digest();
}

export function signChallengeToken(claims: Omit<ChallengeClaims, "challengeId">, key: Uint8Array): Promise<string> {
  return new SignJWT({ pst: claims.passwordStamp })
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setSubject(claims.userId)
    .setJti(randomBytes(16).toString("base64url"))
    .setIssuedAt()
    .setExpirationTime(`${CHALLENGE_TTL_SECONDS}s`)
    .sign(key);
}

/** The claims of a valid challenge, or null for anything else (expired, forged, another kind of token). */
export async function verifyChallengeToken(token: string, key: Uint8Array): Promise<ChallengeClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: ISSUER,
      typ: TYPE,
      requiredClaims: ["sub", "exp", "iat", "jti", "pst"],
    });
    const { sub, jti, pst } = payload;
    if (typeof sub !== "string" || !/^\d{1,19}$/.test(sub) || typeof jti !== "string" || typeof pst !== "string") return null;
    return { userId: sub, challengeId: jti, passwordStamp: pst };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
