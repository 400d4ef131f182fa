export { createRealtime, type RealtimeOptions } from "./hub";
export { createMemoryBus } from "./memory/bus";
export type { EventBus, Listener, PresenceStore, Realtime, Typer, TypingEntry, TypingStore } from "./types";
