import { Redis } from "ioredis";

import { type LimiterOptions, type RateLimiter, applyHit, createMemoryRateLimiter, rateRules } from "../core/rate-limit";

/** `applyHit` (rate-limit.ts) step for step, atomically on one hash per key; returns the wait in ms. */
const HIT_SCRIPT = `
local now, limit, window, maxBackoff = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local saved = redis.call('HMGET', KEYS[1], 'count', 'resetAt', 'strikes', 'blockedUntil')
local count, resetAt = tonumber(saved[1]) or 0, tonumber(saved[2]) or 0
local strikes, blockedUntil = tonumber(saved[3]) or 0, tonumber(saved[4]) or 0
if blockedUntil > now then return blockedUntil - now end
if resetAt <= now then
  if count <= limit then strikes = 0 end
  count = 0
  resetAt = now + window
end
count = count + 1
local wait = 0
if count > limit then
  if maxBackoff > 0 then
    local block = math.min(window * 2 ^ strikes, maxBackoff)
    strikes = strikes + 1
    blockedUntil = now + block
    count = 0
    resetAt = blockedUntil + window
    wait = block
  else
    wait = resetAt - now
  end
end
redis.call('HSET', KEYS[1], 'count', count, 'resetAt', resetAt, 'strikes', strikes, 'blockedUntil', blockedUntil)
redis.call('PEXPIRE', KEYS[1], math.max(1, math.floor(resetAt - now)))
return math.floor(wait)
`;

export interface RedisLimiterOptions extends LimiterOptions {
  url: string;
  /** Key prefix, shared by every instance of a deployment (REDIS_PREFIX). */
  prefix: string;
  onError?: (error: Error) => void;
}

type LimiterRedis = Redis & { rateHit(key: string, ...args: number[]): Promise<number> };

/**
 * Limits shared by every instance through Redis, so that a client cannot multiply its budget by
 * the number of instances. While Redis is unreachable each instance falls back to its own
 * memory: limits still hold per instance, and no request waits long for Redis or fails because of it.
 */
export function createRedisRateLimiter({ url, prefix, rules = rateRules, now = Date.now, onError }: RedisLimiterOptions): RateLimiter {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 }) as LimiterRedis;
  redis.on("error", (error: Error) => onError?.(error));
  // At start-up hits wait for the first connection; once it is lost, they go to memory at once.
  let connectedBefore = false;
  redis.once("ready", () => (connectedBefore = true));
  redis.defineCommand("rateHit", { numberOfKeys: 1, lua: HIT_SCRIPT });
  const fallback = createMemoryRateLimiter({ rules, now });
  /** Runs `step` on Redis, or on the fallback while Redis is away or failing. */
  async function onRedis(step: () => Promise<number>, fallbackStep: () => Promise<number>): Promise<number> {
    if (connectedBefore && redis.status !== "ready") return fallbackStep();
    try {
      return await step();
    } catch (error) {
      onError?.(error as Error);
      return fallbackStep();
    }
  }
  return {
    hit(rule, key) {
      const { limit, windowMs, maxBackoffMs = 0 } = rules[rule];
      return onRedis(
        async () => Math.ceil((await redis.rateHit(`${prefix}rate:${rule}:${key}`, now(), limit, windowMs, maxBackoffMs)) / 1000),
        () => fallback.hit(rule, key),
      );
    },
    /** Reads the key's state and runs `applyHit` on it here: nothing is written, so nothing needs to be atomic. */
    peek(rule, key) {
      return onRedis(
        async () => {
          const saved = await redis.hmget(`${prefix}rate:${rule}:${key}`, "count", "resetAt", "strikes", "blockedUntil");
          const [count, resetAt, strikes, blockedUntil] = saved.map(Number) as [number, number, number, number];
          const state = saved[0] === null ? undefined : { count, resetAt, strikes, blockedUntil };
          return Math.ceil(applyHit(state, rules[rule], now()).waitMs / 1000);
        },
        () => fallback.peek(rule, key),
      );
    },
    async close() {
      redis.disconnect();
    },
  };
}
