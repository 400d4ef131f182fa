/**
 * message.onEvent over a real WebSocket with @trpc/client: live events, resume after a
 * disconnect with exactly the missed events, ordering under concurrent senders, and no
 * listener left behind.
 */
import { describe, expect, it } from "vitest";

import { appRouter, type ChannelEvent, createCallerFactory, createContext, createMemoryRateLimiter } from "../src";
import { authKey } from "./harness";
import { collector, useLiveInstance } from "./live-harness";

type Item = { id: string; data: ChannelEvent | { type: "ready" } };

/** The event's message, for events that carry one in full. */
function messageOf(item: Item | undefined) {
  if (item?.data.type !== "created" && item?.data.type !== "updated") throw new Error(`not a message event: ${item?.data.type}`);
  return item.data.message;
}

const app = useLiveInstance({ rateLimiter: createMemoryRateLimiter() });

/** A server with a channel, its owner and `members` more people in it. */
async function room(members = 1) {
  const owner = await app.h.user("owner");
  const server = await owner.caller.server.create({ name: "Room" });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  const others = await Promise.all(Array.from({ length: members }, () => app.h.user("member")));
  for (const other of others) await other.caller.server.join({ inviteCode: server.inviteCode });
  return { owner, others, server, channelId: channel!.id };
}

const summary = (items: Item[]) =>
  items.flatMap((item) => (item.data.type === "ready" ? [] : [`${item.data.type}:${item.data.message.id}`]));

describe("message.onEvent", () => {
  it("delivers sends made over HTTP, then edits and deletions, as tracked events", async () => {
    const { owner, others, channelId } = await room();
    const watcher = app.instance.client(others[0]!.token);
    const events = collector<Item>();
    watcher.api.message.onEvent.subscribe({ channelId }, events);
    await events.until(() => events.items.length === 1);
    expect(events.items[0]!.data).toEqual({ type: "ready" });

    const author = app.instance.client(owner.token);
    const sent = await author.api.message.send.mutate({ channelId, content: "hello" });
    await author.api.message.edit.mutate({ messageId: sent.id, content: "hello, edited" });
    await author.api.message.delete.mutate({ messageId: sent.id });
    await events.until(() => events.items.length === 4);

    const [, created, updated, deleted] = events.items;
    expect(created!.data).toMatchObject({ type: "created", message: { id: sent.id, content: "hello", editedAt: null } });
    expect(updated!.data).toMatchObject({ type: "updated", message: { id: sent.id, content: "hello, edited" } });
    expect(messageOf(updated).editedAt).toBeInstanceOf(Date);
    expect(deleted!.data).toEqual({ type: "deleted", message: { id: sent.id, channelId } });
    const ids = events.items.map((item) => BigInt(item.id));
    expect(ids.slice(1)).toEqual([ids[0]! + 1n, ids[0]! + 2n, ids[0]! + 3n]);
  });

  it("resumes from lastEventId with exactly the missed events, in order", async () => {
    const { owner, others, channelId } = await room();
    const watcherClient = app.instance.client(others[0]!.token);
    const first = collector<Item>();
    const subscription = watcherClient.api.message.onEvent.subscribe({ channelId }, first);
    await first.until(() => first.items.length === 1);
    const kept = await owner.caller.message.send({ channelId, content: "seen before leaving" });
    await first.until(() => first.items.length === 2);
    subscription.unsubscribe();
    const lastEventId = first.items.at(-1)!.id;

    // Missed while away: a send, an edit of an old message, a send and a deletion.
    const m2 = await owner.caller.message.send({ channelId, content: "two" });
    await owner.caller.message.edit({ messageId: kept.id, content: "edited while away" });
    const m3 = await owner.caller.message.send({ channelId, content: "three" });
    await owner.caller.message.delete({ messageId: m2.id });

    const resumed = collector<Item>();
    watcherClient.api.message.onEvent.subscribe({ channelId, lastEventId }, resumed);
    await resumed.until(() => resumed.items.length === 3);
    // m2's creation is not replayed: deleted text is blanked in the log; its deletion is.
    expect(summary(resumed.items)).toEqual([`updated:${kept.id}`, `created:${m3.id}`, `deleted:${m2.id}`]);
    expect(messageOf(resumed.items[0]).content).toBe("edited while away");

    const after = await owner.caller.message.send({ channelId, content: "live again" });
    await resumed.until(() => resumed.items.length === 4);
    expect(summary(resumed.items).at(-1)).toBe(`created:${after.id}`);
    expect(new Set(resumed.items.map((item) => item.id)).size).toBe(resumed.items.length);
  });

  it("loses nothing and repeats nothing when the socket drops mid-stream", async () => {
    const { owner, others, channelId } = await room();
    const events = collector<Item>();
    app.instance.client(others[0]!.token).api.message.onEvent.subscribe({ channelId }, events);
    await events.until(() => events.items.length === 1);
    const sent: string[] = [];
    for (let round = 0; round < 3; round++) {
      sent.push((await owner.caller.message.send({ channelId, content: `before drop ${round}` })).id);
      for (const socket of app.instance.ws.wss.clients) socket.terminate();
      for (let i = 0; i < 3; i++) sent.push((await owner.caller.message.send({ channelId, content: `during ${round}.${i}` })).id);
    }
    await events.until(() => summary(events.items).length === sent.length);
    expect(summary(events.items)).toEqual(sent.map((id) => `created:${id}`));
    expect(events.errors).toEqual([]);
  });

  it("gives every subscriber every message of 20 concurrent senders once, in history order", async () => {
    const { owner, others, channelId } = await room(19);
    const senders = [owner, ...others];
    const watchers = senders.slice(0, 3).map((sender) => {
      const events = collector<Item>();
      app.instance.client(sender.token).api.message.onEvent.subscribe({ channelId }, events);
      return events;
    });
    await Promise.all(watchers.map((events) => events.until(() => events.items.length === 1)));

    // Five each: the per-user, per-channel limit of the real rate limiter.
    const clients = senders.map((sender) => app.instance.client(sender.token));
    await Promise.all(
      clients.flatMap((client, who) =>
        Array.from({ length: 5 }, (_, i) => client.api.message.send.mutate({ channelId, content: `sender ${who}, #${i}` })),
      ),
    );

    const history = await owner.caller.message.list({ channelId, limit: 100 });
    const inOrder = history.items.map((message) => `created:${message.id}`).reverse();
    expect(inOrder).toHaveLength(100);
    for (const events of watchers) {
      await events.until(() => summary(events.items).length === 100);
      expect(summary(events.items)).toEqual(inOrder);
    }
  });

  it("ends with NOT_FOUND for a channel the caller cannot see, and leaves no listener after abort", async () => {
    const { owner, channelId } = await room(0);
    const stranger = await app.h.user("stranger");
    const denied = collector<Item>();
    app.instance.client(stranger.token).api.message.onEvent.subscribe({ channelId }, denied);
    await denied.until(() => denied.ended);
    expect(denied.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });

    const controller = new AbortController();
    const ctx = await createContext({
      db: app.h.handle.db,
      authKey,
      realtime: app.h.realtime,
      headers: new Headers({ authorization: `Bearer ${owner.token}` }),
      rateLimiter: createMemoryRateLimiter(),
    });
    const caller = createCallerFactory(appRouter)(ctx, { signal: controller.signal });
    const before = app.h.realtime.bus.listenerCount();
    const iterable = await caller.message.onEvent({ channelId });
    const seen: unknown[] = [];
    const reading = (async () => {
      for await (const item of iterable) {
        seen.push(item);
        if (seen.length === 1) void owner.caller.message.send({ channelId, content: "one" });
      }
    })();
    while (seen.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(app.h.realtime.bus.listenerCount()).toBeGreaterThan(before);
    controller.abort();
    await reading;
    expect(app.h.realtime.bus.listenerCount()).toBe(before);
  });
});
