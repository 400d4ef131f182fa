import { fail } from "@chat/policy/errors";

import type { SubscriptionWriter } from "@chat/realtime";

import type { ConnectionState, Context } from "../core/trpc";
import { Inbox, type InboxItem } from "./inbox";
import { type Receiver, listen } from "./listen";
import type { Signal } from "./signals";

export const liveLimits = {
  subscriptionsPerConnection: 100,
};

/** Counts a subscription against its connection's cap; returns the release. */
export function claimSubscription(connection: ConnectionState | undefined): () => void {
  if (!connection) return () => undefined;
  if (connection.subscriptions >= liveLimits.subscriptionsPerConnection) {
    throw fail.tooManyRequests(1, "Too many subscriptions on this connection");
  }
  connection.subscriptions += 1;
  let released = false;
  return () => {
    if (!released) connection.subscriptions -= 1;
    released = true;
  };
}

/** What makes one live stream: where it listens, and what it yields at the start and for each signal. */
export interface LiveStream<Item> {
  ctx: Pick<Context, "realtime" | "connection">;
  /** Aborts when the client stops the subscription; absent for server-side callers. */
  signal?: AbortSignal;
  topics: string[];
  /** The signal kinds the stream wakes for; the topics may carry others. */
  kinds: ReadonlySet<Signal["kind"]>;
  /**
   * Throws when the caller has lost access; the subscription then ends with that error. Called
   * once listening (access lost between the procedure's check and `listen` sent no signal we
   * heard), on each `access` signal (passing it, to say why) and after a `resync`.
   */
  recheckAccess?: (cause?: Signal) => Promise<void>;
  /** The first items (a snapshot, a replay), once listening and access is confirmed. */
  start(inbox: Inbox): AsyncIterable<Item>;
  /** The items a signal, a `resync` or a `tick` leads to, after any access recheck. */
  next(item: InboxItem, inbox: Inbox): AsyncIterable<Item>;
  /** Releases what the stream holds besides its listeners (timers, extra topics). */
  close?(): void;
  /**
   * The fast path of a broadcast: offered each signal that arrives while the stream is idle
   * (everything it yielded is written, nothing is queued) on a connection whose transport can
   * write for it. Having taken the signal into the stream's state, it writes with `writer` the
   * JSON of the frame `result` of each item `next` would have yielded (see `encode.ts`; the same
   * bytes for every subscriber, so encoded once per instance), straight to the socket, and returns
   * true; or it returns false, having changed nothing, to take the signal through `next`. Only
   * for a stream the procedure returns as it is: the writer writes for the subscription tRPC is
   * starting, and writes items as they are.
   */
  direct?(signal: Signal, writer: SubscriptionWriter, inbox: Inbox): boolean;
}

/**
 * The one shape of every live subscription: claim a place on the connection, listen before
 * reading anything (so nothing is missed between the read and the first signal), recheck access,
 * yield the start, then each signal's items; on the way out, however it ends, stop listening and
 * give the place back. A signal that finds the stream idle may skip the iterator (`direct`):
 * being idle, nothing the stream yields can be written before or after it out of order.
 */
export function subscribe<Item>(stream: LiveStream<Item>): AsyncIterableIterator<Item, undefined> {
  return new Subscription(stream);
}

const DONE: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * `subscribe`'s iterator, hand-written rather than an async generator: an idle subscription is
 * this object, its inbox and the reader's pending promise, where a generator kept its suspended
 * frame, the `for await` over the inbox and a chain of promises (~2 KB each at 10,000). Its
 * reader awaits each `next` (as every transport does); `return` may come while one waits, and
 * ends it with `done` at once when it waits in the inbox.
 */
class Subscription<Item> implements AsyncIterableIterator<Item, undefined> {
  private state: "new" | "live" | "ended" = "new";
  private inbox: Inbox | undefined;
  /** The items of the start or of the last signal, until they are all yielded. */
  private items: AsyncIterator<Item> | undefined;
  private stop: (() => void) | undefined;
  private release: (() => void) | undefined;

  constructor(private readonly stream: LiveStream<Item>) {}

  next(): Promise<IteratorResult<Item, undefined>> {
    if (this.state === "live" && !this.items) {
      // Idle: what waits is the inbox's promise and this reaction, no suspended frame.
      return this.inbox!.next().then((result) => (result.done ? this.end() : this.run(result.value)));
    }
    if (this.state === "ended") return Promise.resolve(DONE);
    return this.run();
  }

  return(): Promise<IteratorResult<Item, undefined>> {
    const items = this.items;
    this.items = undefined;
    this.end();
    // Items being made (a replay page on its way) are ended once their generator gets there.
    return items?.return ? items.return().then(() => DONE) : Promise.resolve(DONE);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The work between two items: opening, or an inbox item's access recheck; then the items it leads to. */
  private async run(item?: InboxItem): Promise<IteratorResult<Item, undefined>> {
    try {
      if (this.state === "new") await this.open();
      else if (item) await this.take(item);
      while (this.items && this.state === "live") {
        const result = await this.items.next();
        // Ended meanwhile: the reader no longer wants it.
        if (!result.done) return this.state === "live" ? result : DONE;
        this.items = undefined;
      }
    } catch (error) {
      this.end();
      throw error;
    }
    // Back to the inbox (or done): returned, not awaited, so that this frame does not wait with it.
    return this.next();
  }

  private async open() {
    const { stream } = this;
    // First of all, while the transport is still starting this subscription (see `takeSubscriptionWriter`).
    const writer = stream.direct ? (stream.ctx.connection?.takeSubscriptionWriter?.() ?? null) : null;
    this.release = claimSubscription(stream.ctx.connection);
    this.state = "live";
    // A connection's transport ends a stopped subscription through `return` (TRPCConnection, as
    // tRPC's adapter does); only a caller without one (a server-side caller) is heard through its signal.
    const inbox = (this.inbox = new Inbox(stream.ctx.connection ? undefined : stream.signal));
    const stop = await listen(stream.ctx.realtime.bus, stream.topics, new StreamReceiver(stream, inbox, writer));
    if (this.ended()) return stop(); // returned while it listened
    this.stop = stop;
    await stream.recheckAccess?.();
    this.items = stream.start(inbox)[Symbol.asyncIterator]();
  }

  private async take(item: InboxItem) {
    if (item.kind === "access") await this.stream.recheckAccess?.(item);
    else if (item.kind === "resync") await this.stream.recheckAccess?.();
    this.items = this.stream.next(item, this.inbox!)[Symbol.asyncIterator]();
  }

  /** Read after an await: `return` may have come meanwhile. */
  private ended() {
    return this.state === "ended";
  }

  /** However it ends, once: stop listening, release what the stream holds, give the place back. */
  private end(): IteratorReturnResult<undefined> {
    const opened = this.state === "live";
    this.state = "ended";
    if (opened) {
      this.inbox?.end();
      this.stream.close?.();
      this.stop?.();
      this.release?.();
    }
    return DONE;
  }
}

/** A subscription as the fan-out sees it: a signal goes straight to the socket when the stream is idle, else to its inbox. */
class StreamReceiver<Item> implements Receiver {
  readonly kinds: ReadonlySet<Signal["kind"]>;

  constructor(
    private readonly stream: LiveStream<Item>,
    private readonly inbox: Inbox,
    private readonly writer: SubscriptionWriter | null,
  ) {
    this.kinds = stream.kinds;
  }

  receive(signal: Signal) {
    if (this.writer && this.inbox.idle && !this.stream.signal?.aborted && this.stream.direct?.(signal, this.writer, this.inbox)) return;
    this.inbox.push(signal);
  }

  resync() {
    this.inbox.push({ kind: "resync" });
  }
}
