import { type Database, and, eq, gt, isNull, nextId, sessions, sql, users } from "@chat/db";
import { SESSION_TTL_SECONDS, signSessionToken, verifySessionToken } from "@chat/auth";

export const SESSION_COOKIE = "chat_session";
/** lastSeenAt is refreshed at most this often, so reads do not turn into writes. */
const LAST_SEEN_GRANULARITY_MS = 5 * 60_000;

/**
 * The caller, as `auth.me` answers. Only the avatar changes after sign-up, and its change is
 * announced (`accountChanged`), so a cached session never answers an old one.
 */
export interface SessionUser {
  id: bigint;
  username: string;
  email: string;
  createdAt: Date;
  avatar: string | null;
}

export interface SessionClaims {
  userId: bigint;
  sessionId: bigint;
}

export interface ResolvedSession {
  user: SessionUser;
  sessionId: bigint;
  expiresAt: Date;
}

/** The bearer token of a request: the Authorization header first, else the session cookie. */
export function readToken(headers: Headers): string | null {
  const authorization = headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    return match?.[1] ?? null;
  }
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  for (const part of cookie.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE) return decodeURIComponent(value.join("="));
  }
  return null;
}

export async function startSession(db: Database, key: Uint8Array, userId: bigint, userAgent: string | null) {
  const id = nextId();
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
  await db.insert(sessions).values({ id, userId, userAgent: userAgent?.slice(0, 512) ?? null, expiresAt });
  const token = await signSessionToken({ userId: String(userId), sessionId: String(id) }, key);
  return { token, expiresAt };
}

/** Who a token claims to be, once its signature and expiry check out; null for any other token. */
export async function verifyToken(token: string, key: Uint8Array): Promise<SessionClaims | null> {
  const claims = await verifySessionToken(token, key);
  if (!claims || !/^\d{1,19}$/.test(claims.sessionId) || !/^\d{1,19}$/.test(claims.userId)) return null;
  return { userId: BigInt(claims.userId), sessionId: BigInt(claims.sessionId) };
}

/** The session the claims name, or null when it is revoked, expired or gone. */
export async function readSession(db: Database, { userId, sessionId }: SessionClaims): Promise<ResolvedSession | null> {
  const [row] = await db
    .select({
      userId: users.id,
      username: users.username,
      email: users.email,
      createdAt: users.createdAt,
      avatar: users.avatar,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)));
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > LAST_SEEN_GRANULARITY_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
  }
  return { user: { id: row.userId, username: row.username, email: row.email, createdAt: row.createdAt, avatar: row.avatar }, sessionId, expiresAt: row.expiresAt };
}

/** The signed-in user behind a token, or null when the token is invalid, expired or its session revoked. */
export async function resolveSession(db: Database, key: Uint8Array, token: string): Promise<ResolvedSession | null> {
  const claims = await verifyToken(token, key);
  return claims ? readSession(db, claims) : null;
}

export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const attributes = [`${SESSION_COOKIE}=${token}`, "Path=/", "HttpOnly", "SameSite=Lax", `Expires=${expiresAt.toUTCString()}`];
  if (secure) attributes.push("Secure");
  return attributes.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", new Date(0), secure);
}
