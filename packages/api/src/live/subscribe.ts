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
   * write for it. Having taken the signal into the stream's state, it returns the JSON of the
   * frame `result` of the item `next` would have yielded (see `encode.ts`; the same bytes for
   * every subscriber, so encoded once: `rememberLast`), which goes straight to the socket; or null
   * when `next` would have yielded nothing; or undefined to take the signal through `next`. Only
   * for a stream the procedure returns as it is: the writer writes for the subscription tRPC is
   * starting, and writes items as they are.
   */
  direct?(signal: Signal, inbox: Inbox): string | null | undefined;
}

/**
 * The one shape of every live subscription: claim a place on the connection, listen before
 * reading anything (so nothing is missed between the read and the first signal), recheck access,
 * yield the start, then each signal's items; on the way out, however it ends, stop listening and
 * give the place back. A signal that finds the stream idle may skip the generator (`direct`):
 * being idle, nothing the stream yields can be written before or after it out of order.
 */
export async function* subscribe<Item>(stream: LiveStream<Item>): AsyncGenerator<Item, void, unknown> {
  // First of all, while the transport is still starting this subscription (see `takeSubscriptionWriter`).
  const writer = stream.direct ? (stream.ctx.connection?.takeSubscriptionWriter?.() ?? null) : null;
  const release = claimSubscription(stream.ctx.connection);
  const inbox = new Inbox(stream.signal);
  let stop: (() => void) | undefined;
  try {
    stop = await listen(stream.ctx.realtime.bus, stream.topics, new StreamReceiver(stream, inbox, writer));
    await stream.recheckAccess?.();
    yield* stream.start(inbox);
    for await (const item of inbox) {
      if (item.kind === "access") await stream.recheckAccess?.(item);
      else if (item.kind === "resync") await stream.recheckAccess?.();
      yield* stream.next(item, inbox);
    }
  } finally {
    stream.close?.();
    stop?.();
    release();
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
    if (this.writer && this.inbox.idle && !this.stream.signal?.aborted) {
      const result = this.stream.direct?.(signal, this.inbox);
      if (result !== undefined) {
        if (result !== null) this.writer.write(result);
        return;
      }
    }
    this.inbox.push(signal);
  }

  resync() {
    this.inbox.push({ kind: "resync" });
  }
}
