import { loadAuthSecret, secretKey } from "@chat/auth";
import { type Database, getProcessDatabase } from "@chat/db";
import { env } from "@chat/env";
import { type Realtime, createRealtime } from "@chat/realtime";
import { type Storage, createStorage, storageConfigFromEnv } from "@chat/storage";
import type { Logger } from "pino";

import { logger } from "./logger";
import { type RateLimiter, type RateRule, createRedisRateLimiter } from "./rate-limit-redis";
import { identifyRequestUser } from "./request-scope";

/**
 * What every request and connection of a process shares, handed to the API's contexts: the
 * database, the signing key, limits, realtime state, and where to log.
 */
export interface Services {
  db: Database;
  authKey: Uint8Array;
  rateLimiter: RateLimiter;
  realtime: Realtime;
  /** Files: avatars, icons, attachments (disk under DATA_DIR, or S3). */
  storage: Storage;
  secureCookies: boolean;
  log: Logger;
  /** Names the caller in the current request's scope, so that its later log lines carry the user id. */
  identifyUser(userId: bigint): void;
  /** Where attachments' bytes live (disk under DATA_DIR/files, or S3) and the largest upload. */
  attachments: { storage: Storage; maxBytes: number };
}

/** The API's rate rules and its in-memory limiter over them. */
export interface RateLimits<Rule extends string> {
  rules: Record<Rule, RateRule>;
  createMemoryLimiter(): RateLimiter<Rule>;
}

/**
 * The process's services, on globalThis: Next.js bundles route handlers apart from the custom
 * server, and both must publish on the same bus and share one database.
 */
const key = Symbol.for("chat-rtc.services");
type Holder = { [key]?: Promise<Services> };

/** Opens the process's services, once: the server process does, before it takes requests. */
export function startServices<Rule extends string>(rateLimits: RateLimits<Rule>): Promise<Services> {
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
          rules: rateLimits.rules,
          fallback: rateLimits.createMemoryLimiter(),
          onError: (err) => logger.warn({ err }, "rate limiter: redis unavailable, limiting in memory"),
        })
      : rateLimits.createMemoryLimiter();
    // One store for every file kind: attachments share it with avatars and icons.
    const storage = createStorage(storageConfigFromEnv(env));
    return {
      db,
      authKey: secretKey(loadAuthSecret({ secret: env.AUTH_SECRET, dataDir: env.DATA_DIR })),
      rateLimiter,
      realtime,
      storage,
      secureCookies: env.NODE_ENV === "production",
      log: logger,
      identifyUser: identifyRequestUser,
      attachments: { storage, maxBytes: env.UPLOAD_MAX_BYTES },
    };
  })();
  return holder[key];
}

/** The services the server process started, for the route handlers it serves. */
export function getServices(): Promise<Services> {
  const started = (globalThis as Holder)[key];
  if (!started) throw new Error("the process's services are not started: run the app through its server (server.ts)");
  return started;
}

export async function closeServices(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[key];
  delete holder[key];
  if (!pending) return;
  const services = await pending;
  await services.realtime.close();
  await services.rateLimiter.close?.();
  await services.storage.close();
}
