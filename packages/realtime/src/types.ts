/**
 * The realtime state every instance shares: a publish/subscribe bus for fan-out, who is typing,
 * and which connections are open. Each has an in-process implementation (one process) and a
 * Redis one (many instances); callers see only these interfaces.
 */

export type Listener = (payload: unknown) => void;

export interface EventBus {
  /** Delivers `payload` to the topic's listeners on every instance: at most once, in publish order per publisher. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Resolves once the listener is live (for Redis: the SUBSCRIBE is acknowledged); returns the unsubscribe. */
  subscribe(topic: string, listener: Listener): Promise<() => void>;
  /** Called after the bus reconnected: anything published meanwhile may be lost, so listeners resync. */
  onReconnect(listener: () => void): () => void;
  /** Listeners on `topic`, or on all topics: the leak check of the tests. */
  listenerCount(topic?: string): number;
}

export interface Typer {
  userId: string;
  username: string;
}

export interface TypingEntry extends Typer {
  /** Epoch milliseconds after which the entry no longer counts. */
  expiresAt: number;
}

export interface TypingStore {
  /** Marks `typer` as typing in `channelId` until `expiresAt`. */
  start(channelId: string, entry: TypingEntry): Promise<void>;
  /** Removes the user's entry (their message arrived); false when they had none, so nobody needs telling. */
  stop(channelId: string, userId: string): Promise<boolean>;
  /** The unexpired entries. */
  list(channelId: string): Promise<TypingEntry[]>;
}

export interface PresenceStore {
  /** Records an open connection; true when it is the user's first anywhere (they came online). */
  connect(userId: string, connectionId: string): Promise<boolean>;
  /** Forgets a connection; true when it was the user's last (they went offline). */
  disconnect(userId: string, connectionId: string): Promise<boolean>;
  /**
   * Keeps this instance's connections alive in a shared store, so that a crashed instance's
   * expire; returns the users that came back online (their entries had expired meanwhile).
   */
  refresh(connections: Array<{ userId: string; connectionId: string }>): Promise<string[]>;
  /** Drops connections expired by `now` (epoch ms, default the present); returns the users that went offline with them. */
  sweep(now?: number): Promise<string[]>;
  /** Which of `userIds` have at least one open connection. */
  online(userIds: string[]): Promise<Set<string>>;
}

export interface Realtime {
  bus: EventBus;
  typing: TypingStore;
  presence: PresenceStore;
  /** "memory" in one process, "redis" when instances share state. */
  kind: "memory" | "redis";
  close(): Promise<void>;
}

/** Writes one subscription's data frames to its socket directly, beside tRPC's own loop. */
export interface SubscriptionWriter {
  /**
   * Writes a data frame whose `result` member is the JSON `result` (the same bytes for every
   * subscriber of a broadcast); nothing once the socket is closing.
   */
  write(result: string): void;
}
