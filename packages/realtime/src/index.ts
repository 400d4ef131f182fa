export { createRealtime, type RealtimeOptions } from "./hub";
export { createMemoryBus } from "./memory/bus";
export { createConnectionCap, type ConnectionCap } from "./ws/connection-cap";
export type { EventBus, Listener, PresenceStore, Realtime, SubscriptionWriter, Typer, TypingEntry, TypingStore } from "./types";
