import { randomUUID } from "node:crypto";

import type { Database } from "@chat/db";
import type { Realtime } from "@chat/realtime";

import type { Log } from "../core/log";
import { announceStatus } from "./status";

/** How often an instance refreshes its connections in the shared store and sweeps expired ones. */
const HEARTBEAT_MS = 5_000;

export interface PresenceTracker {
  /** Counts an open connection of `userId` until `closed` resolves. */
  track(userId: bigint, closed: Promise<unknown>): void;
  /** Stops the heartbeat and waits for the updates in flight (closing connections going offline). */
  stop(): Promise<void>;
}

/**
 * Keeps the presence store in step with this instance's WebSocket connections and announces
 * each user's online/offline transitions (as their chosen status: see status.ts) on the topics of the servers they belong to.
 */
export function createPresenceTracker(services: { db: Database; realtime: Realtime; log: Log }): PresenceTracker {
  const { db, realtime } = services;
  const local = new Map<string, string>(); // connection id → user id
  const inFlight = new Set<Promise<unknown>>();

  const announce = (userId: string, connected: boolean) => announceStatus({ db, realtime }, BigInt(userId), connected);
  const report = (err: unknown) => services.log.warn({ err }, "presence update failed");

  // Only a shared store needs heartbeats: in one process, connections close through events.
  const heartbeat =
    realtime.kind === "redis"
      ? setInterval(() => {
          const connections = [...local].map(([connectionId, userId]) => ({ userId, connectionId }));
          realtime.presence
            .refresh(connections)
            .then((back) => Promise.all(back.map((userId) => announce(userId, true))))
            .then(() => realtime.presence.sweep())
            .then((gone) => Promise.all(gone.map((userId) => announce(userId, false))))
            .catch(report);
        }, HEARTBEAT_MS).unref()
      : undefined;

  return {
    track(userIdBigint, closed) {
      const userId = String(userIdBigint);
      const connectionId = randomUUID();
      local.set(connectionId, userId);
      const opened = realtime.presence
        .connect(userId, connectionId)
        .then((first) => (first ? announce(userId, true) : undefined))
        .catch(report);
      const done = closed
        .then(async () => {
          await opened; // a connection that closes at once is still counted, then uncounted, in order
          local.delete(connectionId);
          if (await realtime.presence.disconnect(userId, connectionId)) await announce(userId, false);
        })
        .catch(report)
        .finally(() => inFlight.delete(done));
      inFlight.add(done);
    },
    async stop() {
      clearInterval(heartbeat);
      await Promise.allSettled([...inFlight]);
    },
  };
}
