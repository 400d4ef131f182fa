import { Redis } from "ioredis";

import { createMemoryBus } from "./memory/bus";
import { createMemoryPresenceStore } from "./memory/presence";
import { createMemoryTypingStore } from "./memory/typing";
import { createRedisBus } from "./redis/bus";
import { createRedisPresenceStore } from "./redis/presence";
import { createRedisTypingStore } from "./redis/typing";
import type { Realtime } from "./types";

export interface RealtimeOptions {
  /** Shares state through Redis when set; otherwise everything lives in this process. */
  redisUrl?: string;
  /** Prefixes every Redis key and channel, so that deployments (and tests) can share a server. */
  prefix?: string;
  /** Reports connection errors; Redis reconnects on its own, these are for the logs. */
  onError?: (error: Error) => void;
}

export function createRealtime(options: RealtimeOptions = {}): Realtime {
  if (!options.redisUrl) {
    return {
      kind: "memory",
      bus: createMemoryBus(),
      typing: createMemoryTypingStore(),
      presence: createMemoryPresenceStore(),
      close: async () => undefined,
    };
  }
  const prefix = options.prefix ?? "chat:";
  // Commands queue while Redis reconnects; the subscriber waits for as long as it takes. A send
  // publishes its event and its activity in the same tick: auto-pipelining writes them as one packet.
  const client = new Redis(options.redisUrl, { enableAutoPipelining: true });
  const subscriber = client.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false });
  for (const connection of [client, subscriber]) connection.on("error", (error: Error) => options.onError?.(error));
  return {
    kind: "redis",
    bus: createRedisBus(client, subscriber, prefix),
    typing: createRedisTypingStore(client, prefix),
    presence: createRedisPresenceStore(client, prefix),
    async close() {
      // Nothing is left to flush (publishes are fire-and-forget), and QUIT would wait for a Redis that is gone.
      subscriber.disconnect();
      client.disconnect();
    },
  };
}
