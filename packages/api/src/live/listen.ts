import type { EventBus } from "@chat/realtime";

import type { Inbox } from "./inbox";
import type { Signal } from "./signals";

/**
 * Subscribes the inbox to the signals of `kinds` on `topicNames`, and to the bus's reconnects.
 * Topics carry several kinds (a server's: presence and access), and a subscription woken for
 * what it ignores pays for nothing: with N subscribers, N members coming online would cost N².
 * Resolves once the listeners are live, so that what the caller reads from the database next
 * cannot miss a signal.
 *
 * This is the fan-out point: each subscription holds its own bus listener per topic, and the bus
 * calls them one by one. A per-topic broadcaster (one bus listener per topic and instance,
 * encoding each event once for all its local subscribers) replaces the body of this function.
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
