import { Redis } from "ioredis";

/**
 * The API's limiter contract (packages/api, lib/rate-limit.ts), restated here as the shell
 * implements it: the shell does not import the router, and TypeScript matches the two by shape.
 */
export interface RateRule {
  limit: number;
  windowMs: number;
  maxBackoffMs?: number;
}

export interface RateLimiter<Rule extends string = string> {
  /** Counts one hit; returns the seconds to wait when the limit is exceeded, else 0. */
  hit(rule: Rule, key: string): Promise<number>;
  /** The seconds a hit would have to wait now, counting nothing. */
  peek(rule: Rule, key: string): Promise<number>;
  close?(): Promise<void>;
}

/**
 * The API's `applyHit` (lib/rate-limit.ts) step for step, atomically on one hash per key; returns
 * the wait in ms. A peek (ARGV[5] = 1) runs the same steps and writes nothing.
 */
const HIT_SCRIPT = `
local now, limit, window, maxBackoff = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local peek = ARGV[5] == '1'
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
if peek then return math.floor(wait) end
redis.call('HSET', KEYS[1], 'count', count, 'resetAt', resetAt, 'strikes', strikes, 'blockedUntil', blockedUntil)
redis.call('PEXPIRE', KEYS[1], math.max(1, math.floor(resetAt - now)))
return math.floor(wait)
`;

export interface RedisLimiterOptions<Rule extends string> {
  url: string;
  /** Key prefix, shared by every instance of a deployment (REDIS_PREFIX). */
  prefix: string;
  /** The API's rules, by name. */
  rules: Record<Rule, RateRule>;
  /** Where hits go while Redis is away: the API's in-memory limiter over the same rules. */
  fallback: RateLimiter<Rule>;
  /** The clock, in milliseconds; tests pass their own. */
  now?: () => number;
  onError?: (error: Error) => void;
}

type LimiterRedis = Redis & { rateHit(key: string, ...args: number[]): Promise<number> };

/**
 * Limits shared by every instance through Redis, so that a client cannot multiply its budget by
 * the number of instances. While Redis is unreachable each instance falls back to its own
 * memory: limits still hold per instance, and no request waits long for Redis or fails because of it.
 */
export function createRedisRateLimiter<Rule extends string>(options: RedisLimiterOptions<Rule>): RateLimiter<Rule> {
  const { url, prefix, rules, fallback, now = Date.now, onError } = options;
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 }) as LimiterRedis;
  redis.on("error", (error: Error) => onError?.(error));
  // At start-up hits wait for the first connection; once it is lost, they go to memory at once.
  let connectedBefore = false;
  redis.once("ready", () => (connectedBefore = true));
  redis.defineCommand("rateHit", { numberOfKeys: 1, lua: HIT_SCRIPT });
  /** Runs the script on Redis, or the fallback's step while Redis is away or failing; answers seconds. */
  async function onRedis(rule: Rule, key: string, peek: boolean, fallbackStep: () => Promise<number>): Promise<number> {
    if (connectedBefore && redis.status !== "ready") return fallbackStep();
    const { limit, windowMs, maxBackoffMs = 0 } = rules[rule];
    try {
      const waitMs = await redis.rateHit(`${prefix}rate:${rule}:${key}`, now(), limit, windowMs, maxBackoffMs, peek ? 1 : 0);
      return Math.ceil(waitMs / 1000);
    } catch (error) {
      onError?.(error as Error);
      return fallbackStep();
    }
  }
  return {
    hit: (rule, key) => onRedis(rule, key, false, () => fallback.hit(rule, key)),
    peek: (rule, key) => onRedis(rule, key, true, () => fallback.peek(rule, key)),
    async close() {
      redis.disconnect();
      await fallback.close?.();
    },
  };
}
