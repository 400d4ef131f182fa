import type { TypingEntry, TypingStore } from "../types";

export function createMemoryTypingStore(): TypingStore {
  const channels = new Map<string, Map<string, TypingEntry>>();
  return {
    async start(channelId, entry) {
      const typers = channels.get(channelId) ?? new Map<string, TypingEntry>();
      channels.set(channelId, typers);
      typers.set(entry.userId, entry);
    },
    async stop(channelId, userId) {
      const typers = channels.get(channelId);
      const removed = typers?.delete(userId) ?? false;
      if (typers?.size === 0) channels.delete(channelId);
      return removed;
    },
    async list(channelId) {
      const typers = channels.get(channelId);
      if (!typers) return [];
      const now = Date.now();
      for (const [userId, entry] of typers) if (entry.expiresAt <= now) typers.delete(userId);
      if (typers.size === 0) channels.delete(channelId);
      return [...typers.values()];
    },
  };
}
