import { Redis } from "ioredis";

/**
 * The API's limiter contract (packages/api, lib/rate-limit.ts), restated here as the shell
 * implements it: the shell does not import the router, and TypeScript matches the two by shape.
 */
export interface RateRule {
  limit: number;
  windowMs: number;
  maxBackoffMs?: number;
  /** Hits an instance takes from Redis at a time, for a rule without backoff (see `createRedisRateLimiter`). */
  lease?: number;
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

/**
 * Takes up to ARGV[4] hits of the key's window at once for one instance: counts them, and returns
 * how many were granted (0 once the window's budget is spent) and the ms left in the window.
 */
const LEASE_SCRIPT = `
local now, limit, window, want = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local saved = redis.call('HMGET', KEYS[1], 'count', 'resetAt')
local count, resetAt = tonumber(saved[1]) or 0, tonumber(saved[2]) or 0
if resetAt <= now then
  count = 0
  resetAt = now + window
end
local granted = math.max(0, math.min(want, limit - count))
redis.call('HSET', KEYS[1], 'count', count + granted, 'resetAt', resetAt)
redis.call('PEXPIRE', KEYS[1], math.max(1, math.floor(resetAt - now)))
return {granted, math.floor(resetAt - now)}
`;

/** What an instance holds of a leased key's window. */
interface Lease {
  left: number;
  until: number;
  /** Redis granted nothing: the window's budget is spent, on every instance. */
  spent: boolean;
}

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

type LimiterRedis = Redis & {
  rateHit(key: string, ...args: number[]): Promise<number>;
  rateLease(key: string, ...args: number[]): Promise<[granted: number, windowLeftMs: number]>;
};

/**
 * Limits shared by every instance through Redis, so that a client cannot multiply its budget by
 * the number of instances. While Redis is unreachable each instance falls back to its own
 * memory: limits still hold per instance, and no request waits long for Redis or fails because of it.
 *
 * A rule with a `lease` (one every call counts against) costs a round trip per lease, not per hit:
 * an instance takes that many hits of the window from Redis at once and answers the next ones from
 * memory. Every hit granted was counted in Redis first, so all instances together never pass the
 * limit; hits one instance leased and did not use are lost to the others until the window ends.
 */
export function createRedisRateLimiter<Rule extends string>(options: RedisLimiterOptions<Rule>): RateLimiter<Rule> {
  const { url, prefix, rules, fallback, now = Date.now, onError } = options;
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1_000 }) as LimiterRedis;
  redis.on("error", (error: Error) => onError?.(error));
  // At start-up hits wait for the first connection; once it is lost, they go to memory at once.
  let connectedBefore = false;
  redis.once("ready", () => (connectedBefore = true));
  redis.defineCommand("rateHit", { numberOfKeys: 1, lua: HIT_SCRIPT });
  redis.defineCommand("rateLease", { numberOfKeys: 1, lua: LEASE_SCRIPT });
  const leases = new Map<string, Lease>();
  /** Leases being taken, so that concurrent hits on a key wait for one rather than take several. */
  const taking = new Map<string, Promise<void>>();
  let lastSweep = now();

  function takeLease(rule: Rule, name: string, size: number): Promise<void> {
    const { limit, windowMs } = rules[rule];
    const taken = redis
      .rateLease(`${prefix}rate:${name}`, now(), limit, windowMs, size)
      .then(([granted, windowLeftMs]) => {
        const time = now();
        if (time - lastSweep > windowMs) {
          for (const [key, lease] of leases) if (lease.until <= time) leases.delete(key);
          lastSweep = time;
        }
        leases.set(name, { left: granted, until: time + windowLeftMs, spent: granted === 0 });
      })
      .finally(() => taking.delete(name));
    taking.set(name, taken);
    return taken;
  }

  /** A hit on a leased rule: from the instance's lease while it lasts, else from a new one. */
  async function leasedHit(rule: Rule, key: string, size: number): Promise<number> {
    const name = `${rule}:${key}`;
    for (;;) {
      const time = now();
      const lease = leases.get(name);
      if (lease && lease.until > time) {
        if (lease.left > 0) {
          lease.left -= 1;
          return 0;
        }
        if (lease.spent) return Math.ceil((lease.until - time) / 1000);
      }
      await (taking.get(name) ?? takeLease(rule, name, size));
    }
  }

  /** Runs the script on Redis, or the fallback's step while Redis is away or failing; answers seconds. */
  async function onRedis(rule: Rule, key: string, peek: boolean, fallbackStep: () => Promise<number>): Promise<number> {
    if (connectedBefore && redis.status !== "ready") return fallbackStep();
    const { limit, windowMs, maxBackoffMs = 0, lease } = rules[rule];
    try {
      if (lease && !maxBackoffMs && !peek) return await leasedHit(rule, key, lease);
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
