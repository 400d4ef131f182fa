import type { Signal } from "./signals";

/** A bus signal, or `resync` after the bus reconnected (signals may have been lost), or a timer's `tick`. */
export type InboxItem = Signal | { kind: "resync" } | { kind: "tick" };

export interface Inbox extends AsyncIterable<InboxItem> {
  push(item: InboxItem): void;
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
