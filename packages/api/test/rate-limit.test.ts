/**
 * The rate limiter's behaviour, held alike by the in-memory limiter and the Redis one (REDIS_URL
 * with a private prefix, or a private redis-server): windows, Retry-After, login and two-factor
 * backoff, peeking without counting, keys apart, and one budget shared by every instance on a
 * Redis. The clock is the test's.
 */
import { randomBytes } from "node:crypto";

import { env } from "@chat/env";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { createRedisRateLimiter } from "@chat/server-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type RateLimiter, type RateRules, createMemoryRateLimiter, rateRules } from "../src/core/rate-limit";

let privateRedis: RedisServer | undefined;
let redisUrl: string;
const opened: RateLimiter[] = [];
let hits = 0;

beforeAll(async () => {
  if (env.REDIS_URL) redisUrl = env.REDIS_URL;
  else {
    privateRedis = await startRedisServer();
    redisUrl = privateRedis.url;
  }
});
afterAll(async () => {
  console.log(`rate limiter: ${hits} hits checked on memory and Redis`);
  await Promise.all(opened.map((limiter) => limiter.close?.()));
  await privateRedis?.stop();
});

/** A clock the test moves by hand, starting at a realistic time. */
function clock() {
  let time = 1_700_000_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

const kinds = {
  memory: (options: { rules?: RateRules; now: () => number }) => createMemoryRateLimiter(options),
  redis: (options: { rules?: RateRules; now: () => number }, prefix = `chat-test:${randomBytes(4).toString("hex")}:`) => {
    const rules = options.rules ?? rateRules;
    const fallback = createMemoryRateLimiter({ rules, now: options.now });
    const limiter = createRedisRateLimiter({ url: redisUrl, prefix, rules, fallback, now: options.now });
    opened.push(limiter);
    return limiter;
  },
};

async function hitTimes(limiter: RateLimiter, rule: keyof RateRules, key: string, times: number): Promise<number[]> {
  const waits: number[] = [];
  for (let i = 0; i < times; i++) waits.push(await limiter.hit(rule, key));
  hits += times;
  return waits;
}

for (const [kind, create] of Object.entries(kinds)) {
  describe(`${kind} limiter`, () => {
    it("allows 5 messages per 5 s per user and channel, then answers the seconds left", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      expect(await hitTimes(limiter, "messageSend", "u1:c1", 5)).toEqual([0, 0, 0, 0, 0]);
      time.advance(1_200);
      expect(await hitTimes(limiter, "messageSend", "u1:c1", 1)).toEqual([4]); // 3.8 s left, rounded up
      expect(await hitTimes(limiter, "messageSend", "u1:c2", 1)).toEqual([0]); // another channel
      expect(await hitTimes(limiter, "messageSend", "u2:c1", 1)).toEqual([0]); // another user
      time.advance(3_800);
      expect(await hitTimes(limiter, "messageSend", "u1:c1", 5)).toEqual([0, 0, 0, 0, 0]);
    });

    it("keeps rules apart under one key", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      await hitTimes(limiter, "typingStart", "u1:c1", rateRules.typingStart.limit);
      expect(await hitTimes(limiter, "typingStart", "u1:c1", 1)).toEqual([10]);
      expect(await hitTimes(limiter, "messageSend", "u1:c1", 1)).toEqual([0]);
    });

    it("backs login off: a minute, then two, four... up to 15 minutes; a calm window forgives", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      const burst = async () => (await hitTimes(limiter, "login", "ada@example.com", rateRules.login.limit + 1)).at(-1);
      const blocks: Array<number | undefined> = [];
      for (let round = 0; round < 6; round++) {
        blocks.push(await burst());
        const blocked = blocks.at(-1)!;
        time.advance(blocked * 1000 - 1_000);
        expect(await hitTimes(limiter, "login", "ada@example.com", 1)).toEqual([1]); // still blocked
        time.advance(1_000);
      }
      expect(blocks).toEqual([60, 120, 240, 480, 900, 900]);
      time.advance(60_000); // a window without attempts
      expect(await burst()).toBe(60);
    });

    it("backs two-factor codes off: 5 minutes, then 10, 20, 40, up to an hour", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      const blocks: number[] = [];
      for (let round = 0; round < 6; round++) {
        blocks.push((await hitTimes(limiter, "twoFactorCode", "42", rateRules.twoFactorCode.limit + 1)).at(-1)!);
        time.advance(blocks.at(-1)! * 1000);
      }
      expect(blocks).toEqual([300, 600, 1200, 2400, 3600, 3600]);
    });

    it("gives a login challenge 3 codes within its lifetime", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      expect(await hitTimes(limiter, "twoFactorChallenge", "challenge-1", 4)).toEqual([0, 0, 0, 300]);
      expect(await hitTimes(limiter, "twoFactorChallenge", "challenge-2", 1)).toEqual([0]);
    });

    it("peeks at the wait a hit would get without counting it, blocked or not", async () => {
      const time = clock();
      const limiter = create({ now: time.now });
      for (let i = 0; i < 10; i++) expect(await limiter.peek("signupEmailTaken", "10.0.0.9")).toBe(0);
      expect(await hitTimes(limiter, "signupEmailTaken", "10.0.0.9", 5)).toEqual([0, 0, 0, 0, 0]);
      expect(await limiter.peek("signupEmailTaken", "10.0.0.9")).toBe(3600);
      time.advance(600_000);
      expect(await limiter.peek("signupEmailTaken", "10.0.0.9")).toBe(3000);
      expect(await hitTimes(limiter, "signupEmailTaken", "10.0.0.9", 1)).toEqual([3000]);
      time.advance(3_000_000);
      expect(await limiter.peek("signupEmailTaken", "10.0.0.9")).toBe(0);

      await hitTimes(limiter, "login", "ada@example.com 10.0.0.9", rateRules.login.limit + 1); // a block of a minute
      time.advance(30_000);
      expect(await limiter.peek("login", "ada@example.com 10.0.0.9")).toBe(30);
      time.advance(30_000);
      expect(await limiter.peek("login", "ada@example.com 10.0.0.9")).toBe(0);
    });

    it("keeps the budget of a key within one window whatever the order of keys", async () => {
      const time = clock();
      const rules = { ...rateRules, signup: { limit: 3, windowMs: 60_000 } };
      const limiter = create({ rules, now: time.now });
      const waits = await Promise.all(Array.from({ length: 10 }, () => limiter.hit("signup", "10.0.0.1")));
      hits += 10;
      expect(waits.filter((wait) => wait === 0)).toHaveLength(3);
    });
  });
}

describe("Redis limiter across instances", () => {
  it("shares one budget between two instances on the same prefix", async () => {
    const time = clock();
    const prefix = `chat-test:${randomBytes(4).toString("hex")}:`;
    const a = kinds.redis({ now: time.now }, prefix);
    const b = kinds.redis({ now: time.now }, prefix);
    const waits = [
      ...(await hitTimes(a, "messageSend", "u1:c1", 3)),
      ...(await hitTimes(b, "messageSend", "u1:c1", 2)),
      ...(await hitTimes(a, "messageSend", "u1:c1", 1)),
      ...(await hitTimes(b, "messageSend", "u1:c1", 1)),
    ];
    expect(waits).toEqual([0, 0, 0, 0, 0, 5, 5]);
    const elsewhere = kinds.redis({ now: time.now });
    expect(await hitTimes(elsewhere, "messageSend", "u1:c1", 1)).toEqual([0]); // another deployment's prefix
  });

  it("leases a rule's hits in batches: all instances together never pass the limit", async () => {
    const time = clock();
    const prefix = `chat-test:${randomBytes(4).toString("hex")}:`;
    const rules = { ...rateRules, calls: { limit: 20, windowMs: 60_000, lease: 5 } };
    const a = kinds.redis({ rules, now: time.now }, prefix);
    const b = kinds.redis({ rules, now: time.now }, prefix);
    expect(await hitTimes(a, "calls", "user:1", 3)).toEqual([0, 0, 0]); // a leased 5
    // Concurrent hits on an empty lease share one (five leases would have left two of them refused).
    expect(await Promise.all([1, 2, 3, 4, 5].map(() => b.hit("calls", "user:1")))).toEqual([0, 0, 0, 0, 0]);
    hits += 5;
    expect(await hitTimes(b, "calls", "user:1", 11)).toEqual([...Array<number>(10).fill(0), 60]); // the rest of the window
    // a answers its two leased hits from memory, then finds the budget spent.
    expect(await hitTimes(a, "calls", "user:1", 3)).toEqual([0, 0, 60]);
    time.advance(60_000);
    expect(await hitTimes(a, "calls", "user:1", 1)).toEqual([0]);
  });

  it("falls back to memory while Redis is unreachable, without failing a request", async () => {
    const redis = await startRedisServer();
    const time = clock();
    const fallback = createMemoryRateLimiter({ now: time.now });
    const limiter = createRedisRateLimiter({ url: redis.url, prefix: "chat-test:", rules: rateRules, fallback, now: time.now, onError: () => undefined });
    opened.push(limiter);
    await redis.stop();
    expect(await hitTimes(limiter, "messageSend", "u1:c1", 6)).toEqual([0, 0, 0, 0, 0, 5]);
    expect(await limiter.peek("messageSend", "u1:c1")).toBe(5);
  });
});
