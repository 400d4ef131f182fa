import type { EventBus } from "@chat/realtime";

import type { Signal } from "./signals";

/** One live subscription as the fan-out sees it. */
export interface Receiver {
  /** The signal kinds it takes; the topics carry others (a server's: presence and access). */
  kinds: ReadonlySet<Signal["kind"]>;
  /** Called synchronously for each signal of its kinds, in the bus's order. */
  receive(signal: Signal): void;
  /** The bus reconnected: signals may have been lost. */
  resync(): void;
}

/** A topic's receivers on this instance, behind one bus listener. */
interface Topic {
  name: string;
  receivers: Set<Receiver>;
  /** Resolves to the bus unsubscribe once the bus listener is live. */
  subscribed: Promise<() => void>;
  /** The bus unsubscribe, once live: the last receiver out calls it at once. */
  unsubscribe?: () => void;
}

/** The fan-out of one bus in this process: its topics, and every receiver (told once of a reconnect). */
interface Hub {
  topics: Map<string, Topic>;
  receivers: Set<Receiver>;
}

const hubs = new WeakMap<EventBus, Hub>();

function hubOf(bus: EventBus): Hub {
  let hub = hubs.get(bus);
  if (!hub) {
    const created: Hub = { topics: new Map(), receivers: new Set() };
    bus.onReconnect(() => created.receivers.forEach((receiver) => receiver.resync()));
    hubs.set(bus, (hub = created));
  }
  return hub;
}

/**
 * The fan-out point: adds `receiver` to `topicNames` on this instance. Each topic has one bus
 * listener per instance, which hands every signal (decoded once by the bus) to the topic's
 * receivers of its kind in one synchronous loop, so that a stream can write it to its socket at
 * once (see `subscribe`) instead of each subscription waking its own listener. Resolves once the
 * topics are live on the bus, so that what the caller reads from the database next cannot miss a
 * signal; returns the removal.
 */
export async function listen(bus: EventBus, topicNames: string[], receiver: Receiver): Promise<() => void> {
  const hub = hubOf(bus);
  hub.receivers.add(receiver);
  const joined: Topic[] = [];
  // One closure per subscription: the topics it joined say what to leave.
  const stop = () => {
    hub.receivers.delete(receiver);
    for (const topic of joined) leave(hub, topic, receiver);
  };
  try {
    for (const name of topicNames) joined.push(await join(bus, hub, name, receiver));
  } catch (error) {
    stop();
    throw error;
  }
  return stop;
}

async function join(bus: EventBus, hub: Hub, name: string, receiver: Receiver): Promise<Topic> {
  let topic = hub.topics.get(name);
  if (!topic) {
    const receivers = new Set<Receiver>();
    const created: Topic = { name, receivers, subscribed: bus.subscribe(name, (payload) => broadcast(receivers, payload as Signal)) };
    created.subscribed.then((unsubscribe) => (created.unsubscribe = unsubscribe), () => undefined);
    hub.topics.set(name, (topic = created));
  }
  topic.receivers.add(receiver);
  try {
    await topic.subscribed;
  } catch (error) {
    // The bus refused (Redis away): the next join tries again.
    if (hub.topics.get(name) === topic) hub.topics.delete(name);
    leave(hub, topic, receiver);
    throw error;
  }
  return topic;
}

function leave(hub: Hub, topic: Topic, receiver: Receiver) {
  if (!topic.receivers.delete(receiver) || topic.receivers.size > 0) return;
  // The last one out: a later join subscribes anew (the bus orders the two on its side).
  if (hub.topics.get(topic.name) === topic) hub.topics.delete(topic.name);
  if (topic.unsubscribe) topic.unsubscribe();
  else topic.subscribed.then((unsubscribe) => unsubscribe(), () => undefined);
}

function broadcast(receivers: Set<Receiver>, signal: Signal) {
  for (const receiver of receivers) if (receiver.kinds.has(signal.kind)) receiver.receive(signal);
}
