import type { Redis } from "ioredis";
import superjson from "superjson";

import type { EventBus, Listener } from "../types";

/**
 * Redis pub/sub: one subscriber connection per process, topics reference-counted over it.
 * Pub/sub is at most once, so after the subscriber reconnects `onReconnect` listeners resync
 * from the database.
 */
export function createRedisBus(publisher: Redis, subscriber: Redis, prefix: string): EventBus {
  const topics = new Map<string, { listeners: Set<Listener>; ready: Promise<unknown> }>();
  const reconnectListeners = new Set<() => void>();
  let connectedBefore = false;

  subscriber.on("message", (channel: string, message: string) => {
    const entry = topics.get(channel.slice(prefix.length));
    if (!entry) return;
    let payload: unknown;
    try {
      payload = superjson.parse(message);
    } catch {
      return; // not ours: every publisher on this prefix writes superjson
    }
    for (const listener of [...entry.listeners]) listener(payload);
  });
  subscriber.on("ready", () => {
    if (!connectedBefore) {
      connectedBefore = true;
      return;
    }
    // ioredis has resent the SUBSCRIBEs before this event; the PING answers after they are live.
    subscriber.ping().then(
      () => reconnectListeners.forEach((listener) => listener()),
      () => undefined,
    );
  });

  return {
    async publish(topic, payload) {
      await publisher.publish(prefix + topic, superjson.stringify(payload));
    },
    async subscribe(topic, listener) {
      let entry = topics.get(topic);
      if (!entry) {
        entry = { listeners: new Set(), ready: subscriber.subscribe(prefix + topic) };
        topics.set(topic, entry);
      }
      const wrapped: Listener = (payload) => listener(payload);
      entry.listeners.add(wrapped);
      const current = entry;
      const unsubscribe = () => {
        if (!current.listeners.delete(wrapped) || current.listeners.size > 0) return;
        topics.delete(topic);
        // Commands on one connection run in order, so a later SUBSCRIBE of the topic still wins.
        subscriber.unsubscribe(prefix + topic).catch(() => undefined);
      };
      try {
        await current.ready;
      } catch (error) {
        unsubscribe();
        throw error;
      }
      return unsubscribe;
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    listenerCount(topic) {
      if (topic !== undefined) return topics.get(topic)?.listeners.size ?? 0;
      let count = 0;
      for (const entry of topics.values()) count += entry.listeners.size;
      return count;
    },
  };
}
