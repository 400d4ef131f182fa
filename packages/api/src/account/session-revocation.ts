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
 * WebSocket connections close (`createSessionWatch`).
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
    await announceToSessions(services, userId, { kind: "sessionsRevoked", sessionIds: revoked.map((row) => String(row.id)) });
  }
  return revoked.length;
}

/**
 * Tells every instance that the user's cached sessions are stale (revoked, or a field they carry
 * changed). This instance's cache forgets them first, not left to the bus: a Redis message can
 * arrive after this request's answer, and the caller's next request.
 */
export async function announceToSessions(
  services: { realtime: { bus: EventBus }; log: Log; sessionCache?: SessionCache | undefined },
  userId: bigint,
  signal: Extract<Signal, { kind: "sessionsRevoked" | "accountChanged" }>,
) {
  services.sessionCache?.forgetUser(userId);
  await services.realtime.bus
    .publish(topics.user(userId), signal)
    .catch((err: unknown) => services.log.warn({ err, kind: signal.kind }, "announcing a session change failed"));
}

/** Revokes every session of the caller but the one making the request; returns how many. */
export function revokeOtherSessions(ctx: Parameters<typeof revokeSessions>[0] & { user: { id: bigint }; sessionId: bigint }) {
  return revokeSessions(ctx, ctx.user.id, ne(sessions.id, ctx.sessionId));
}

/** A WebSocket connection signed in with a session, as the session watch sees it. */
export interface WatchedConnection {
  userId: bigint;
  sessionId: bigint;
  close(reason: "Session revoked" | "Session expired"): void;
}

export interface SessionWatch {
  /**
   * Closes `connection` when its session ends: revoked (heard on the user's topic) or expired.
   * Once the user's topic is heard the session is read again, so a revocation just before cannot
   * slip through. Until `unwatch`.
   */
  watch(connection: WatchedConnection): void;
  /** Stops watching `connection` (it closed); what it alone held (its user's listener, its expiry) goes. */
  unwatch(connection: WatchedConnection): void;
}

/** One user's listener on their topic, shared by their connections on this instance. */
interface WatchedUser {
  connections: Set<WatchedConnection>;
  /** Resolves once the listener is live; null from then on, when `stop` is set. */
  live: Promise<void> | null;
  stop: (() => void) | null;
}

/**
 * The session watch of an instance's connections: one listener per user (not per connection) on
 * the user's topic, and one timer for all the sessions' expiries (armed at the earliest), so that
 * an open connection costs an entry in two sets.
 */
export function createSessionWatch(services: { db: Database; bus: EventBus; log: Log }): SessionWatch {
  const users = new Map<bigint, WatchedUser>();
  const expiries = new Map<WatchedConnection, number>();
  let nextExpiry = Infinity;
  let cancelTimer = () => {};

  function armExpiry(at: number) {
    if (at >= nextExpiry) return;
    cancelTimer();
    nextExpiry = at;
    cancelTimer = runAt(new Date(at), expire);
  }

  function expire() {
    nextExpiry = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const [connection, at] of expiries) {
      if (at <= now) {
        expiries.delete(connection);
        connection.close("Session expired");
      } else {
        next = Math.min(next, at);
      }
    }
    if (next < Infinity) armExpiry(next);
  }

  function listen(userId: bigint): WatchedUser {
    const existing = users.get(userId);
    if (existing) return existing;
    const user: WatchedUser = { connections: new Set(), live: null, stop: null };
    user.live = services.bus
      .subscribe(topics.user(userId), (payload) => {
        const signal = payload as Signal;
        if (signal.kind !== "sessionsRevoked") return;
        for (const connection of user.connections) {
          if (signal.sessionIds.includes(String(connection.sessionId))) connection.close("Session revoked");
        }
      })
      .then((stop) => {
        user.live = null;
        // Every connection may have closed while the subscription was on its way.
        if (users.get(userId) === user) user.stop = stop;
        else stop();
      });
    users.set(userId, user);
    return user;
  }

  /** Reads the session once its user's topic is heard: closes the connection if it already ended, else arms its expiry. */
  async function check(connection: WatchedConnection, user: WatchedUser) {
    if (user.live) await user.live;
    const [session] = await services.db
      .select({ revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt })
      .from(sessions)
      .where(eq(sessions.id, connection.sessionId));
    if (!user.connections.has(connection)) return; // closed meanwhile
    if (!session || session.revokedAt) return connection.close("Session revoked");
    expiries.set(connection, session.expiresAt.getTime());
    armExpiry(session.expiresAt.getTime());
  }

  return {
    watch(connection) {
      const user = listen(connection.userId);
      user.connections.add(connection);
      // Not awaited: a connection opens while Redis is away, and is watched once it is back.
      check(connection, user).catch((err: unknown) => {
        // A user whose listener failed is listened to afresh by their next connection.
        if (users.get(connection.userId) === user && !user.stop) users.delete(connection.userId);
        services.log.warn({ err }, "watching a session for its end failed");
      });
    },
    unwatch(connection) {
      expiries.delete(connection);
      const user = users.get(connection.userId);
      if (!user?.connections.delete(connection) || user.connections.size > 0) return;
      users.delete(connection.userId);
      user.stop?.();
    },
  };
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
