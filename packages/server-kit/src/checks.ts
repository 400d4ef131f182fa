import { type DatabaseHandle, sql } from "@chat/db";
import { pendingMigrations } from "@chat/db/migrate";
import { Redis } from "ioredis";

import type { ReadinessCheck } from "./probes";

/** The database answers a query. */
export function databaseCheck(handle: DatabaseHandle): ReadinessCheck {
  return {
    name: "database",
    async run() {
      await handle.db.execute(sql`select 1`);
    },
  };
}

/** The database's schema is the one this build expects: no committed migration is left to apply. */
export function migrationsCheck(handle: DatabaseHandle): ReadinessCheck {
  return {
    name: "migrations",
    async run() {
      const pending = await pendingMigrations(handle);
      if (pending.length > 0) throw new Error(`${pending.length} migration(s) not applied: ${pending.join(", ")}`);
    },
  };
}

/**
 * Redis answers PING, on a connection of the check's own: it reconnects in the background while
 * Redis is away, and a probe fails at once instead of queueing behind the reconnection.
 */
export function redisCheck(url: string): ReadinessCheck {
  const client = new Redis(url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, connectionName: "chat-readiness" });
  client.on("error", () => undefined); // the failing probe reports it
  return {
    name: "redis",
    async run() {
      if (client.status === "wait") await client.connect();
      await client.ping();
    },
    async close() {
      client.disconnect();
    },
  };
}

/** What every Chat RTC process needs before it takes traffic: the database at this build's schema, and Redis when configured. */
export function standardChecks(handle: DatabaseHandle, redisUrl: string | undefined): ReadinessCheck[] {
  return [databaseCheck(handle), migrationsCheck(handle), ...(redisUrl ? [redisCheck(redisUrl)] : [])];
}
