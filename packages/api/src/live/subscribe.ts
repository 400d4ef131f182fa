import { fail } from "@chat/policy/errors";

import type { ConnectionState, Context } from "../core/trpc";
import { type Inbox, type InboxItem, createInbox } from "./inbox";
import { listen } from "./listen";
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
}

/**
 * The one shape of every live subscription: claim a place on the connection, listen before
 * reading anything (so nothing is missed between the read and the first signal), recheck access,
 * yield the start, then each signal's items; on the way out, however it ends, stop listening and
 * give the place back.
 */
export async function* subscribe<Item>(stream: LiveStream<Item>): AsyncGenerator<Item, void, unknown> {
  const release = claimSubscription(stream.ctx.connection);
  const inbox = createInbox(stream.signal);
  let stop = () => {};
  try {
    stop = await listen(stream.ctx.realtime.bus, stream.topics, stream.kinds, inbox);
    await stream.recheckAccess?.();
    yield* stream.start(inbox);
    for await (const item of inbox) {
      if (item.kind === "access") await stream.recheckAccess?.(item);
      else if (item.kind === "resync") await stream.recheckAccess?.();
      yield* stream.next(item, inbox);
    }
  } finally {
    stream.close?.();
    stop();
    release();
  }
}
