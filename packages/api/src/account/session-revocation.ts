import { type Database, type SQL, and, eq, isNull, ne, sessions, sql } from "@chat/db";
import type { EventBus } from "@chat/realtime";
import Bowser from "bowser";

import type { Log } from "../core/log";
import type { SessionCache } from "./session-cache";
import { runAt } from "../core/run-at";
import { type Signal, topics } from "../live/signals";

/**
 * Revokes the user's sessions matching `which` (besides their user id), announced on the user's
 * topic: HTTP requests with their tokens fail at once (this instance's session cache drops them
 * before the answer, the other instances' when they hear it, session-cache.ts), and open
 * WebSocket connections close (`closeWhenSessionEnds`).
 * Returns how many were revoked.
 */
export async function revokeSessions(
  services: { db: Database; realtime: { bus: EventBus }; log: Log; sessionCache?: SessionCache },
  userId: bigint,
  which?: SQL,
): Promise<number> {
  const revoked = await services.db
    .update(sessions)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), which))
    .returning({ id: sessions.id });
  if (revoked.length > 0) {
    // Not left to the bus: a Redis message can arrive after this request's answer, and the caller's next request.
    services.sessionCache?.forgetUser(userId);
    const signal: Signal = { kind: "sessionsRevoked", sessionIds: revoked.map((row) => String(row.id)) };
    await services.realtime.bus
      .publish(topics.user(userId), signal)
      .catch((err: unknown) => services.log.warn({ err }, "announcing revoked sessions failed"));
  }
  return revoked.length;
}

/** Revokes every session of the caller but the one making the request; returns how many. */
export function revokeOtherSessions(ctx: Parameters<typeof revokeSessions>[0] & { user: { id: bigint }; sessionId: bigint }) {
  return revokeSessions(ctx, ctx.user.id, ne(sessions.id, ctx.sessionId));
}

/**
 * Closes a WebSocket connection when its session ends: revoked (heard on the user's topic) or
 * expired (a timer at its expiry). Once the listener is live the session is read again, so a
 * revocation just before cannot slip through. Stops listening, and clears the timer, when the
 * connection closes.
 */
export async function closeWhenSessionEnds(options: {
  db: Database;
  bus: EventBus;
  userId: bigint;
  sessionId: bigint;
  close: (reason: "Session revoked" | "Session expired") => void;
  closed: Promise<unknown>;
}): Promise<void> {
  const { db, bus, userId, sessionId, close, closed } = options;
  let open = true;
  let cancelExpiry = () => {};
  const stop = await bus.subscribe(topics.user(userId), (payload) => {
    const signal = payload as Signal;
    if (signal.kind === "sessionsRevoked" && signal.sessionIds.includes(String(sessionId))) close("Session revoked");
  });
  void closed.then(() => {
    open = false;
    stop();
    cancelExpiry();
  });
  const [session] = await db
    .select({ revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt })
    .from(sessions)
    .where(eq(sessions.id, sessionId));
  if (!session || session.revokedAt) return close("Session revoked");
  if (open) cancelExpiry = runAt(session.expiresAt, () => close("Session expired"));
}

/** "Firefox 130 on Linux", from a user agent; the agent's first word for clients that are not browsers. */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const { browser, os } = Bowser.parse(userAgent);
  if (!browser.name) return userAgent.split(/[\s/]/)[0] || "Unknown device";
  const version = browser.version?.split(".")[0];
  const name = version ? `${browser.name} ${version}` : browser.name;
  return os.name ? `${name} on ${os.name}` : name;
}
