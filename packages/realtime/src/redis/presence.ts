import type { Redis } from "ioredis";

import type { PresenceStore } from "../types";

/** How long a connection counts without a refresh: a crashed instance's users go offline after it. */
export const CONNECTION_TTL_MS = 15_000;

// A sorted set of connections ("userId|connectionId", scored by expiry) and a hash of open
// connections per user; scripts keep the two in step atomically, so exactly one instance sees
// each online/offline transition.
const CONNECT = `
if redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1]) == 1 then
  return redis.call('HINCRBY', KEYS[2], ARGV[3], 1)
end
return -1`;

const DISCONNECT = `
if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return -1 end
local n = redis.call('HINCRBY', KEYS[2], ARGV[2], -1)
if n <= 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
return n`;

const SWEEP = `
local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 1000)
local offline = {}
for _, member in ipairs(expired) do
  redis.call('ZREM', KEYS[1], member)
  local userId = string.match(member, '^([^|]+)|')
  if redis.call('HINCRBY', KEYS[2], userId, -1) <= 0 then
    redis.call('HDEL', KEYS[2], userId)
    table.insert(offline, userId)
  end
end
return offline`;

export function createRedisPresenceStore(redis: Redis, prefix: string): PresenceStore {
  const keys = [`${prefix}presence:connections`, `${prefix}presence:counts`] as const;
  const member = (userId: string, connectionId: string) => `${userId}|${connectionId}`;
  const connect = (userId: string, connectionId: string) =>
    redis.eval(CONNECT, 2, ...keys, member(userId, connectionId), Date.now() + CONNECTION_TTL_MS, userId) as Promise<number>;

  return {
    async connect(userId, connectionId) {
      return (await connect(userId, connectionId)) === 1;
    },
    async disconnect(userId, connectionId) {
      return (await redis.eval(DISCONNECT, 2, ...keys, member(userId, connectionId), userId)) === 0;
    },
    async refresh(connections) {
      const results = await Promise.all(connections.map(({ userId, connectionId }) => connect(userId, connectionId)));
      return connections.filter((_, index) => results[index] === 1).map(({ userId }) => userId);
    },
    async sweep(now = Date.now()) {
      return (await redis.eval(SWEEP, 2, ...keys, now)) as string[];
    },
    async online(userIds) {
      if (userIds.length === 0) return new Set();
      const counts = await redis.hmget(keys[1], ...userIds);
      return new Set(userIds.filter((_, index) => Number(counts[index] ?? 0) > 0));
    },
  };
}
