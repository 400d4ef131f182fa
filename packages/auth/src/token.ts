import { errors, jwtVerify, SignJWT } from "jose";

/** Everything a token promises; anything else in it is ignored. */
export interface SessionClaims {
  userId: string;
  sessionId: string;
}

const ISSUER = "chat-rtc";
const AUDIENCE = "chat-rtc";
const TYPE = "session+jwt";
const ALGORITHM = "HS256";

export const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60;

export function secretKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export function signSessionToken(claims: SessionClaims, key: Uint8Array, ttlSeconds = SESSION_TTL_SECONDS) {
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: ALGORITHM, typ: TYPE })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setSubject(claims.userId)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(key);
}

/** The claims of a valid token, or null for anything else: wrong algorithm, key, issuer, type, expired or malformed. */
export async function verifySessionToken(token: string, key: Uint8Array): Promise<SessionClaims | null> {
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: [ALGORITHM],
      issuer: ISSUER,
      audience: AUDIENCE,
      typ: TYPE,
      requiredClaims: ["sub", "exp", "iat", "sid"],
    });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") return null;
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    if (error instanceof errors.JOSEError || error instanceof TypeError) return null;
    throw error;
  }
}
