import { loadAuthSecret, secretKey } from "@chat/auth";
import { type Database, getProcessDatabase } from "@chat/db";
import { env } from "@chat/env";
import { type Realtime, createRealtime } from "@chat/realtime";

import { type RateLimiter, createMemoryRateLimiter } from "./core/rate-limit";
import { logger } from "./lib/logger";
import { createRedisRateLimiter } from "./lib/rate-limit-redis";

/** What every request and connection of a process shares: the database, the signing key, limits, realtime state. */
export interface Services {
  db: Database;
  authKey: Uint8Array;
  rateLimiter: RateLimiter;
  realtime: Realtime;
  secureCookies: boolean;
}

/**
 * The process's services, on globalThis: Next.js bundles route handlers apart from the custom
 * server, and both must publish on the same bus and share one database.
 */
const key = Symbol.for("chat-rtc.services");
type Holder = { [key]?: Promise<Services> };

export function getServices(): Promise<Services> {
  const holder = globalThis as Holder;
  holder[key] ??= (async () => {
    const { db } = await getProcessDatabase();
    const realtime = createRealtime({
      redisUrl: env.REDIS_URL,
      prefix: env.REDIS_PREFIX,
      onError: (err) => logger.warn({ err }, "redis connection error"),
    });
    // Limits are shared through Redis when instances are, so a client's budget does not multiply.
    const rateLimiter = env.REDIS_URL
      ? createRedisRateLimiter({
          url: env.REDIS_URL,
          prefix: env.REDIS_PREFIX,
          onError: (err) => logger.warn({ err }, "rate limiter: redis unavailable, limiting in memory"),
        })
      : createMemoryRateLimiter();
    return {
      db,
      authKey: secretKey(loadAuthSecret()),
      rateLimiter,
      realtime,
      secureCookies: env.NODE_ENV === "production",
    };
  })();
  return holder[key];
}

export async function closeServices(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[key];
  delete holder[key];
  if (!pending) return;
  const services = await pending;
  await services.realtime.close();
  await services.rateLimiter.close?.();
}
