import type { Redis } from "ioredis";

import type { TypingEntry, TypingStore } from "../types";

/** A hash per channel (user id → entry); entries share one TTL, so the key expires with its newest. */
export function createRedisTypingStore(redis: Redis, prefix: string): TypingStore {
  const key = (channelId: string) => `${prefix}typing:${channelId}`;
  return {
    async start(channelId, entry) {
      const ttlMs = Math.max(1, entry.expiresAt - Date.now());
      await redis
        .multi()
        .hset(key(channelId), entry.userId, JSON.stringify({ username: entry.username, expiresAt: entry.expiresAt }))
        // Set a TTL on a new key, else only lengthen it: a short entry must not cut the others' short.
        .pexpire(key(channelId), ttlMs, "NX")
        .pexpire(key(channelId), ttlMs, "GT")
        .exec();
    },
    async stop(channelId, userId) {
      return (await redis.hdel(key(channelId), userId)) > 0;
    },
    async list(channelId) {
      const now = Date.now();
      const entries: TypingEntry[] = [];
      const expired: string[] = [];
      for (const [userId, value] of Object.entries(await redis.hgetall(key(channelId)))) {
        const { username, expiresAt } = JSON.parse(value) as { username: string; expiresAt: number };
        if (expiresAt > now) entries.push({ userId, username, expiresAt });
        else expired.push(userId);
      }
      if (expired.length > 0) await redis.hdel(key(channelId), ...expired);
      return entries;
    },
  };
}
