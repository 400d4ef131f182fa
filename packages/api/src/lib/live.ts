import { fail } from "@chat/policy/errors";
import type { EventBus } from "@chat/realtime";

import type { ConnectionState, Context } from "../trpc";
import type { Signal } from "./signals";

export const liveLimits = {
  subscriptionsPerConnection: 100,
};

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

/**
 * Subscribes the inbox to the signals of `kinds` on `topicNames`, and to the bus's reconnects.
 * Topics carry several kinds (a server's: presence and access), and a subscription woken for
 * what it ignores pays for nothing: with N subscribers, N members coming online would cost N².
 * Resolves once the listeners are live, so that what the caller reads from the database next
 * cannot miss a signal.
 */
export async function listen(
  bus: EventBus,
  topicNames: string[],
  kinds: ReadonlySet<Signal["kind"]>,
  inbox: Inbox,
): Promise<() => void> {
  const stops = [bus.onReconnect(() => inbox.push({ kind: "resync" }))];
  const deliver = (payload: unknown) => {
    if (kinds.has((payload as Signal).kind)) inbox.push(payload as Signal);
  };
  try {
    for (const topic of topicNames) stops.push(await bus.subscribe(topic, deliver));
  } catch (error) {
    stops.forEach((stop) => stop());
    throw error;
  }
  return () => stops.forEach((stop) => stop());
}

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

/** Tells the live subscriptions on `topic` to re-check access: after a leave, a removal, a deletion. */
export async function signalAccessChange(ctx: Pick<Context, "realtime" | "log">, topic: string): Promise<void> {
  await ctx.realtime.bus
    .publish(topic, { kind: "access" } satisfies Signal)
    .catch((err: unknown) => ctx.log.warn({ err, topic }, "publishing an access change failed"));
}
