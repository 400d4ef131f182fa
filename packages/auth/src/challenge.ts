import { errors, jwtVerify, SignJWT } from "jose";

/**
 * The short-lived proof that a password was right, for accounts with two-factor on: login
 * returns it instead of a session, and only a valid second factor turns it into one. Its own
 * `typ` keeps it from ever passing as a session token (and a session token from passing as it).
 */
const TYPE = "2fa-challenge+jwt";
const ISSUER = "chat-rtc";
const ALGORITHM = "HS256";

export const CHALLENGE_TTL_SECONDS = 5 * 60;

export function signChallengeToken(userId: string, key: Uint8Array): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(ISSUER)
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime(`${CHALLENGE_TTL_SECONDS}s`)
    .sign(key);
}

/** The user id a valid challenge names, or null for anything else (expired, forged, another kind of token). */
export async function verifyChallengeToken(token: string, key: Uint8Array): Promise<string | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: ISSUER,
      typ: TYPE,
      requiredClaims: ["sub", "exp", "iat"],
    });
    return typeof payload.sub === "string" && /^\d{1,19}$/.test(payload.sub) ? payload.sub : null;
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
