import type { Database } from "@chat/db";
import type { EventBus } from "@chat/realtime";

import { type Signal, topics } from "../live/signals";
import { type ResolvedSession, readSession, verifyToken } from "./session-token";

export interface SessionCache {
  /** As `resolveSession`: the session behind a token, or null; from memory while it is fresh. */
  resolve(db: Database, key: Uint8Array, token: string): Promise<ResolvedSession | null>;
  /** Forgets the user's sessions at once: what the instance that revokes them does before it answers. */
  forgetUser(userId: bigint): void;
  /** Forgets everything and stops listening. */
  close(): void;
}

export interface SessionCacheOptions {
  bus: EventBus;
  /** How long a verified session is answered from memory. */
  ttlMs?: number;
  maxEntries?: number;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
}

/** One user's subscription to their topic, which tells of revoked sessions, and their cached tokens. */
interface Watch {
  tokens: Set<string>;
  /** True once the subscription is acknowledged: only then may a session read be cached. */
  live: boolean;
  /** Counts what dropped the user's entries, so that a read that raced one is not cached. */
  drops: number;
  lastUsed: number;
  stop: Promise<(() => void) | undefined>;
}

/**
 * Verified sessions, remembered for a few seconds so that a client's requests verify a token and
 * read its session once rather than each time. A revocation is heard on the user's topic
 * (`sessionsRevoked`, session-revocation.ts) and drops the user's entries on every instance at
 * once; a bus reconnect (announcements may be lost) drops them all. A user's first request is
 * never cached: it only starts listening, so that no request waits for the subscription.
 */
export function createSessionCache({ bus, ttlMs = 5_000, maxEntries = 10_000, now = Date.now }: SessionCacheOptions): SessionCache {
  const entries = new Map<string, { session: ResolvedSession; validUntil: number; watch: Watch }>();
  const watches = new Map<bigint, Watch>();
  let resets = 0;
  // Runs while anything is watched, so that an idle cache holds no timer.
  let sweeper: NodeJS.Timeout | undefined;

  function drop(watch: Watch) {
    for (const token of watch.tokens) entries.delete(token);
    watch.tokens.clear();
    watch.drops += 1;
  }

  function watchUser(userId: bigint, time: number): Watch {
    const existing = watches.get(userId);
    if (existing) {
      existing.lastUsed = time;
      return existing;
    }
    const watch: Watch = { tokens: new Set(), live: false, drops: 0, lastUsed: time, stop: Promise.resolve(undefined) };
    watch.stop = bus
      .subscribe(topics.user(userId), (payload) => {
        const { kind } = payload as Signal;
        if (kind === "sessionsRevoked" || kind === "accountChanged") drop(watch);
      })
      .then(
        (stop) => {
          watch.live = true;
          return stop;
        },
        () => {
          // Not listening: forget the watch, so that a later request tries again.
          if (watches.get(userId) === watch) watches.delete(userId);
          return undefined;
        },
      );
    watches.set(userId, watch);
    sweeper ??= setInterval(sweep, ttlMs).unref();
    return watch;
  }

  function unwatch(userId: bigint, watch: Watch) {
    drop(watch);
    watches.delete(userId);
    void watch.stop.then((stop) => stop?.());
  }

  function sweep() {
    const time = now();
    for (const [token, entry] of entries) if (entry.validUntil <= time) remove(token, entry.watch);
    for (const [userId, watch] of watches) if (watch.tokens.size === 0 && watch.lastUsed + ttlMs <= time) unwatch(userId, watch);
    if (watches.size === 0) {
      clearInterval(sweeper);
      sweeper = undefined;
    }
  }

  function remove(token: string, watch: Watch) {
    entries.delete(token);
    watch.tokens.delete(token);
  }

  const stopReconnect = bus.onReconnect(() => {
    resets += 1;
    for (const watch of watches.values()) drop(watch);
  });

  return {
    async resolve(db, key, token) {
      const time = now();
      const cached = entries.get(token);
      if (cached && cached.validUntil > time) {
        cached.watch.lastUsed = time;
        return cached.session;
      }
      if (cached) remove(token, cached.watch);
      const claims = await verifyToken(token, key);
      if (!claims) return null;
      const watch = watchUser(claims.userId, time);
      const live = watch.live;
      const [drops, resetsBefore] = [watch.drops, resets];
      const session = await readSession(db, claims);
      // Cached only when a revocation committed after the read cannot go unheard, and none came during it.
      if (session && live && watch.drops === drops && resets === resetsBefore && watches.get(claims.userId) === watch) {
        if (entries.size >= maxEntries) {
          const [oldest] = entries;
          if (oldest) remove(oldest[0], oldest[1].watch);
        }
        entries.set(token, { session, validUntil: Math.min(time + ttlMs, session.expiresAt.getTime()), watch });
        watch.tokens.add(token);
      }
      return session;
    },
    forgetUser(userId) {
      const watch = watches.get(userId);
      if (watch) drop(watch);
    },
    close() {
      stopReconnect();
      for (const [userId, watch] of watches) unwatch(userId, watch);
      clearInterval(sweeper);
      sweeper = undefined;
    },
  };
}
