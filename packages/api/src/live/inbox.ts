import type { Signal } from "./signals";

/** A bus signal, or `resync` after the bus reconnected (signals may have been lost), or a timer's `tick`. */
export type InboxItem = Signal | { kind: "resync" } | { kind: "tick" };

export interface Inbox extends AsyncIterable<InboxItem> {
  push(item: InboxItem): void;
  /**
   * Whether its reader waits for the next item with nothing queued: a subscription's loop is
   * parked here only once all it yielded before has been taken (written, for tRPC's ws adapter).
   */
  readonly idle: boolean;
}

/** The queue a subscription reads from; iteration ends when `signal` aborts (the client left). */
export function createInbox(signal: AbortSignal = new AbortController().signal): Inbox {
  const items: InboxItem[] = [];
  let wake: (() => void) | null = null;
  signal.addEventListener("abort", () => wake?.(), { once: true });
  return {
    push(item) {
      items.push(item);
      wake?.();
    },
    get idle() {
      return wake !== null && items.length === 0;
    },
    async *[Symbol.asyncIterator]() {
      while (!signal.aborted) {
        const item = items.shift();
        if (item) {
          yield item;
          continue;
        }
        await new Promise<void>((resolve) => (wake = resolve));
        wake = null;
      }
    },
  };
}
