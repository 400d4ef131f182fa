import type { Signal } from "./signals";

/** A bus signal, or `resync` after the bus reconnected (signals may have been lost), or a timer's `tick`. */
export type InboxItem = Signal | { kind: "resync" } | { kind: "tick" };

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The queue a subscription reads from; iteration ends when `signal` aborts (the client left).
 * A class with a hand-written iterator rather than an async generator: every idle subscription
 * parks here, and a generator per subscription costs its objects and pending promises.
 */
export class Inbox implements AsyncIterableIterator<InboxItem> {
  private readonly items: InboxItem[] = [];
  /** Resolves the reader's pending `next`, while it waits with nothing queued. */
  private wake: ((result: IteratorResult<InboxItem, undefined>) => void) | null = null;
  private ended = false;

  constructor(signal?: AbortSignal) {
    // The inbox itself listens (`handleEvent`): no closure per subscription.
    signal?.addEventListener("abort", this, { once: true });
  }

  push(item: InboxItem): void {
    if (this.ended) return;
    const wake = this.wake;
    if (wake) {
      this.wake = null;
      wake({ done: false, value: item });
    } else {
      this.items.push(item);
    }
  }

  /**
   * Whether its reader waits for the next item with nothing queued: a subscription's loop is
   * parked here only once all it yielded before has been taken (written, for tRPC's ws adapter).
   */
  get idle(): boolean {
    return this.wake !== null && this.items.length === 0;
  }

  next(): Promise<IteratorResult<InboxItem, undefined>> {
    if (this.ended) return Promise.resolve(DONE);
    const item = this.items.shift();
    if (item) return Promise.resolve({ done: false, value: item });
    return new Promise((resolve) => (this.wake = resolve));
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** Ends the iteration: the waiting reader, and any later, is done; what is queued is dropped. */
  end(): void {
    this.ended = true;
    this.items.length = 0;
    const wake = this.wake;
    this.wake = null;
    wake?.(DONE);
  }

  /** The signal aborted. */
  handleEvent(): void {
    this.end();
  }
}
