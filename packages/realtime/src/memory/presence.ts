import type { PresenceStore } from "../types";

/** Connections of one process; they close through events, so nothing expires. */
export function createMemoryPresenceStore(): PresenceStore {
  const users = new Map<string, Set<string>>();
  return {
    async connect(userId, connectionId) {
      const connections = users.get(userId) ?? new Set();
      users.set(userId, connections);
      connections.add(connectionId);
      return connections.size === 1;
    },
    async disconnect(userId, connectionId) {
      const connections = users.get(userId);
      if (!connections?.delete(connectionId)) return false;
      if (connections.size > 0) return false;
      users.delete(userId);
      return true;
    },
    refresh: async () => [],
    sweep: async () => [],
    async online(userIds) {
      return new Set(userIds.filter((id) => users.has(id)));
    },
  };
}
