import { randomUUID } from "node:crypto";

import type { Database } from "@chat/db";
import type { Realtime } from "@chat/realtime";

import type { Log } from "../core/log";
import { announceStatus } from "./status";

/** How often an instance refreshes its users in the shared store and sweeps expired ones. */
const HEARTBEAT_MS = 5_000;

export interface PresenceTracker {
  /** Counts an open connection of `userId`. */
  track(userId: bigint): void;
  /** Uncounts a connection of `userId` that `track` counted, once it has closed; once per `track`. */
  untrack(userId: bigint): void;
  /** Stops the heartbeat and waits for the updates in flight (closing connections going offline). */
  stop(): Promise<void>;
}

/** One user's connections on this instance, and whether the shared store counts them. */
interface LocalUser {
  connections: number;
  stored: boolean;
  /** The store update under way; the next one waits for it, so that they land in order. */
  pending: Promise<void> | null;
}

/**
 * Keeps the presence store in step with this instance's WebSocket connections and announces
 * each user's online/offline transitions (as their chosen status: see status.ts) on the topics of
 * the servers they belong to. The store counts a user once per instance (this instance's id
 * stands for all their connections here), so a connection costs a counter, not an entry.
 */
export function createPresenceTracker(services: { db: Database; realtime: Realtime; log: Log }): PresenceTracker {
  const { db, realtime } = services;
  const instanceId = randomUUID();
  const local = new Map<string, LocalUser>();

  const announce = (userId: string, connected: boolean) => announceStatus({ db, realtime }, BigInt(userId), connected);
  const report = (err: unknown) => services.log.warn({ err }, "presence update failed");

  /** Brings the store to the user's count (online when any connection is open), after any update under way. */
  function update(userId: string, user: LocalUser) {
    const run: Promise<void> = (user.pending ?? Promise.resolve())
      .then(async () => {
        const online = user.connections > 0;
        if (online === user.stored) return;
        user.stored = online;
        if (online) {
          if (await realtime.presence.connect(userId, instanceId)) await announce(userId, true);
        } else if (await realtime.presence.disconnect(userId, instanceId)) {
          await announce(userId, false);
        }
      })
      .catch(report)
      .finally(() => {
        if (user.pending !== run) return;
        user.pending = null;
        if (user.connections === 0 && !user.stored && local.get(userId) === user) local.delete(userId);
      });
    user.pending = run;
  }

  // Only a shared store needs heartbeats: in one process, connections close through events.
  const heartbeat =
    realtime.kind === "redis"
      ? setInterval(() => {
          const connections = [...local].filter(([, user]) => user.stored).map(([userId]) => ({ userId, connectionId: instanceId }));
          realtime.presence
            .refresh(connections)
            .then((back) => Promise.all(back.map((userId) => announce(userId, true))))
            .then(() => realtime.presence.sweep())
            .then((gone) => Promise.all(gone.map((userId) => announce(userId, false))))
            .catch(report);
        }, HEARTBEAT_MS).unref()
      : undefined;

  return {
    track(userIdBigint) {
      const userId = String(userIdBigint);
      let user = local.get(userId);
      if (!user) local.set(userId, (user = { connections: 0, stored: false, pending: null }));
      user.connections += 1;
      if (user.connections === 1) update(userId, user);
    },
    untrack(userIdBigint) {
      const userId = String(userIdBigint);
      const user = local.get(userId);
      if (!user || user.connections === 0) return;
      user.connections -= 1;
      if (user.connections === 0) update(userId, user);
    },
    async stop() {
      clearInterval(heartbeat);
      await Promise.allSettled([...local.values()].map((user) => user.pending));
    },
  };
}
