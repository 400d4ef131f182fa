import { randomUUID } from "node:crypto";

import { type Database, eq, serverMembers } from "@chat/db";
import type { Realtime } from "@chat/realtime";

import { logger } from "./logger";
import { type PresenceStatus, topics } from "./signals";

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
 * each user's online/offline transitions on the topics of the servers they belong to.
 */
export function createPresenceTracker(services: { db: Database; realtime: Realtime }): PresenceTracker {
  const { db, realtime } = services;
  const local = new Map<string, string>(); // connection id → user id
  const inFlight = new Set<Promise<unknown>>();

  const announce = async (userId: string, status: PresenceStatus) => {
    const rows = await db
      .select({ serverId: serverMembers.serverId })
      .from(serverMembers)
      .where(eq(serverMembers.userId, BigInt(userId)));
    await Promise.all(rows.map((row) => realtime.bus.publish(topics.server(row.serverId), { kind: "presence", userId, status })));
  };
  const report = (err: unknown) => logger.warn({ err }, "presence update failed");

  // Only a shared store needs heartbeats: in one process, connections close through events.
  const heartbeat =
    realtime.kind === "redis"
      ? setInterval(() => {
          const connections = [...local].map(([connectionId, userId]) => ({ userId, connectionId }));
          realtime.presence
            .refresh(connections)
            .then((back) => Promise.all(back.map((userId) => announce(userId, "online"))))
            .then(() => realtime.presence.sweep())
            .then((gone) => Promise.all(gone.map((userId) => announce(userId, "offline"))))
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
        .then((first) => (first ? announce(userId, "online") : undefined))
        .catch(report);
      const done = closed
        .then(async () => {
          await opened; // a connection that closes at once is still counted, then uncounted, in order
          local.delete(connectionId);
          if (await realtime.presence.disconnect(userId, connectionId)) await announce(userId, "offline");
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
