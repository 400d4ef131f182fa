import type { EventBus, Listener } from "../types";

/** The bus of one process: delivery is synchronous, in order, and never lost. */
export function createMemoryBus(): EventBus {
  const topics = new Map<string, Set<Listener>>();
  return {
    async publish(topic, payload) {
      for (const listener of [...(topics.get(topic) ?? [])]) listener(payload);
    },
    async subscribe(topic, listener) {
      const listeners = topics.get(topic) ?? new Set();
      topics.set(topic, listeners);
      // A wrapper per call, so subscribing one function twice needs two unsubscribes.
      const entry: Listener = (payload) => listener(payload);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
        if (listeners.size === 0 && topics.get(topic) === listeners) topics.delete(topic);
      };
    },
    onReconnect: () => () => undefined,
    listenerCount(topic) {
      if (topic !== undefined) return topics.get(topic)?.size ?? 0;
      let count = 0;
      for (const listeners of topics.values()) count += listeners.size;
      return count;
    },
  };
}
