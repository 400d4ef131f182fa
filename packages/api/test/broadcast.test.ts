/**
 * The broadcast of a channel's events: one bus listener per topic and instance, each event encoded
 * once and written straight to every idle subscriber's socket. These hold it to tRPC's wire format
 * byte for byte, and to the order and completeness of each stream where the fast path meets the
 * slow one (replay, a gap, a slow socket, a stop, a lost membership).
 */
import { once } from "node:events";
import type { AddressInfo } from "node:net";

import { createRealtime, type EventBus } from "@chat/realtime";
import { SubscriptionSocket, type SubscriptionWriter } from "@chat/realtime/ws";
import { initTRPC, tracked } from "@trpc/server";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import superjson, { type SuperJSONResult } from "superjson";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { WebSocket, WebSocketServer } from "ws";

import type { Signal } from "../src/live/signals";
import { topics } from "../src/live/signals";
import { type Harness, createHarness } from "./harness";
import { type Instance, conditionWaiter, eventually, startInstance } from "./live-harness";

/** The `result` JSON of every frame written through the fast path, as the transport was asked to write it. */
const directWrites: string[] = [];
const takeWriter = SubscriptionSocket.prototype.takeSubscriptionWriter;
vi.spyOn(SubscriptionSocket.prototype, "takeSubscriptionWriter").mockImplementation(function (this: SubscriptionSocket) {
  const writer = takeWriter.call(this);
  return (
    writer && {
      write(result) {
        directWrites.push(result);
        writer.write(result);
      },
    } satisfies SubscriptionWriter
  );
});
afterEach(() => {
  directWrites.length = 0;
  lossy.dropped.clear();
  lossy.late.clear();
});

/**
 * Publishes on the bus as it is, except the events whose seq is in `dropped` (a lossy bus), and
 * those in `late`, published right after the next event (commits that publish out of order).
 */
function lossyRealtime() {
  const realtime = createRealtime();
  const dropped = new Set<string>();
  const late = new Set<string>();
  let heldBack: (() => Promise<void>) | null = null;
  const bus: EventBus = {
    ...realtime.bus,
    publish: async (topic, payload) => {
      const signal = payload as Signal;
      if (signal.kind === "event" && dropped.has(signal.seq)) return;
      if (signal.kind === "event" && late.has(signal.seq)) {
        heldBack = () => realtime.bus.publish(topic, payload);
        return;
      }
      await realtime.bus.publish(topic, payload);
      const release = signal.kind === "event" ? heldBack : null;
      if (release) {
        heldBack = null;
        await release();
      }
    },
  };
  return { realtime: { ...realtime, bus }, dropped, late };
}

const lossy = lossyRealtime();
let h: Harness;
let instance: Instance;
beforeAll(async () => {
  h = await createHarness({ realtime: lossy.realtime });
  instance = await startInstance({ db: h.handle.db, realtime: lossy.realtime });
});
afterAll(async () => {
  await instance?.close();
  await h?.close();
});

interface DataFrame {
  id: number;
  result?: { type: string; id?: string; data?: { json: { id: string; data: { type: string; message?: { id: string } } } } };
  error?: { json: { data: { code: string } } };
}

/** A socket that speaks tRPC's protocol by hand and keeps every frame it receives, raw. */
async function rawClient(url: string, token?: string) {
  const socket = new WebSocket(token ? `${url}?connectionParams=1` : url);
  const frames: string[] = [];
  const waiter = conditionWaiter();
  socket.on("message", (data) => {
    frames.push(String(data));
    waiter.notify();
  });
  await once(socket, "open");
  if (token) socket.send(JSON.stringify({ method: "connectionParams", data: { token } }));
  const parsed = () => frames.filter((frame) => frame.startsWith("{")).map((frame) => JSON.parse(frame) as DataFrame);
  return {
    socket,
    frames,
    subscribe(id: number, path: string, input: unknown, options: { jsonrpc?: "2.0" } = {}) {
      socket.send(JSON.stringify({ id, ...options, method: "subscription", params: { path, input: { json: input } } }));
    },
    stop(id: number) {
      socket.send(JSON.stringify({ id, method: "subscription.stop" }));
    },
    /** The frames of subscription `id`, parsed. */
    of: (id: number) => parsed().filter((frame) => frame.id === id),
    /** The seqs of the channel events subscription `id` received, in order of arrival. */
    seqs: (id: number) =>
      parsed()
        .filter((frame) => frame.id === id && frame.result?.type === "data" && frame.result.data?.json.data.type !== "ready")
        .map((frame) => BigInt(frame.result!.id!)),
    until: waiter.until,
    close: () => socket.close(),
  };
}
type RawClient = Awaited<ReturnType<typeof rawClient>>;

/** Subscribes `client` to the channel's events as subscription `id` and waits for its first item (ready, or the first replayed). */
async function follow(client: RawClient, id: number, channelId: string, lastEventId?: string, options: { jsonrpc?: "2.0" } = {}) {
  client.subscribe(id, "message.onEvent", lastEventId === undefined ? { channelId } : { channelId, lastEventId }, options);
  await client.until(() => client.of(id).some((frame) => frame.result?.type === "data"));
}

/** Lets the event loop read the sockets: sends on the embedded database can run for long on microtasks alone. */
const turn = () => new Promise((resolve) => setImmediate(resolve));
const readySeq = (client: RawClient, id: number) => BigInt(client.of(id).find((frame) => frame.result?.type === "data")!.result!.id!);
const range = (from: bigint, count: number) => Array.from({ length: count }, (_, index) => from + BigInt(index));

/** The frame tRPC's own ws adapter writes for `item` as subscription `id`. */
async function referenceFrame(item: unknown, id: number, jsonrpc?: "2.0") {
  const t = initTRPC.create({ transformer: superjson });
  const router = t.router({
    item: t.procedure.subscription(async function* ({ signal: aborted }) {
      yield item;
      await new Promise((resolve) => aborted?.addEventListener("abort", resolve));
    }),
  });
  const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(wss, "listening");
  applyWSSHandler({ wss, router });
  const client = await rawClient(`ws://127.0.0.1:${(wss.address() as AddressInfo).port}`);
  client.subscribe(id, "item", undefined, jsonrpc ? { jsonrpc } : {});
  await client.until(() => client.frames.some((frame) => frame.includes('"type":"data"')));
  const frame = client.frames.find((raw) => raw.includes('"type":"data"'))!;
  client.close();
  for (const socket of wss.clients) socket.terminate();
  await new Promise((resolve) => wss.close(resolve));
  return frame;
}

/** The item a frame carries, as the client's transformer reads it. */
const itemOf = (frame: string) => superjson.deserialize((JSON.parse(frame) as { result: { data: SuperJSONResult } }).result.data);

describe("the broadcast of channel events", () => {
  it("writes each live event byte for byte as tRPC's adapter would, with and without jsonrpc", async () => {
    const { owner, member, general } = await h.community("Bytes");
    const published: Signal[] = [];
    const unsubscribe = await h.realtime.bus.subscribe(topics.channel(general.id), (payload) => published.push(payload as Signal));
    const watcher = await rawClient(instance.wsUrl, member.token);
    await follow(watcher, 7, general.id);
    await follow(watcher, 8, general.id, undefined, { jsonrpc: "2.0" });

    const sent = await owner.caller.message.send({ channelId: general.id, content: "héllo <b>wörld</b> 🎉 \"quoted\"" });
    await watcher.until(() => watcher.seqs(7).length === 1 && watcher.seqs(8).length === 1);
    unsubscribe();

    const signal = published.find((item) => item.kind === "event")!;
    expect(signal).toMatchObject({ kind: "event", event: { type: "created", message: { id: sent.id } } });
    // Both went through the fast path, one encoding for the two.
    expect(directWrites).toHaveLength(2);
    expect(new Set(directWrites).size).toBe(1);
    const live = watcher.frames.filter((frame) => frame.includes(sent.id));
    const item = signal.kind === "event" && tracked(signal.seq, signal.event);
    expect(live).toEqual([await referenceFrame(item, 7), await referenceFrame(item, 8, "2.0")]);
    watcher.close();
  });

  it("stops the fast path at a gap, fills it from the log, then takes the fast path again: every event once, in order", async () => {
    const { owner, member, general } = await h.community("Gap");
    const watcher = await rawClient(instance.wsUrl, member.token);
    await follow(watcher, 1, general.id);
    const start = readySeq(watcher, 1);

    await owner.caller.message.send({ channelId: general.id, content: "one" });
    await watcher.until(() => watcher.seqs(1).length === 1);
    expect(directWrites).toHaveLength(1);

    // The next event is lost on the bus: the one after it finds the stream a seq short.
    lossy.dropped.add(String(start + 2n));
    await owner.caller.message.send({ channelId: general.id, content: "two (lost on the bus)" });
    await owner.caller.message.send({ channelId: general.id, content: "three" });
    await watcher.until(() => watcher.seqs(1).length === 3);
    expect(directWrites).toHaveLength(1);

    await owner.caller.message.send({ channelId: general.id, content: "four" });
    await watcher.until(() => watcher.seqs(1).length === 4);
    expect(watcher.seqs(1)).toEqual(range(start + 1n, 4));
    expect(directWrites).toHaveLength(2);
    watcher.close();
  });

  it("keeps events published out of order on the fast path: each subscriber writes them in seq order, encoded once", async () => {
    const { owner, member, general } = await h.community("Late");
    const watcher = await rawClient(instance.wsUrl, member.token);
    await follow(watcher, 1, general.id);
    await follow(watcher, 2, general.id);
    const start = readySeq(watcher, 1);

    const serialize = vi.spyOn(superjson, "serialize");
    // The second send's event is published after the third's.
    lossy.late.add(String(start + 2n));
    for (const content of ["one", "two (published late)", "three"]) await owner.caller.message.send({ channelId: general.id, content });
    await watcher.until(() => watcher.seqs(1).length === 3 && watcher.seqs(2).length === 3);
    const encodings = serialize.mock.calls.length;
    serialize.mockRestore();

    expect(watcher.seqs(1)).toEqual(range(start + 1n, 3));
    expect(watcher.seqs(2)).toEqual(range(start + 1n, 3));
    // Every frame through the fast path: the first event to both, then the third waits in each
    // stream for the second, and each writes the two in order.
    const seqOf = (result: string) => BigInt((JSON.parse(result) as { id: string }).id) - start;
    expect(directWrites.map(seqOf)).toEqual([1n, 1n, 2n, 3n, 2n, 3n]);
    expect(encodings).toBe(3);
    watcher.close();
  });

  it("replays a resumed stream while sends go on, then joins the fast path without a duplicate or a hole", async () => {
    const { owner, member, general } = await h.community("Replay");
    const first = await rawClient(instance.wsUrl, member.token);
    await follow(first, 1, general.id);
    const start = readySeq(first, 1);
    for (let index = 0; index < 30; index += 1) await owner.caller.message.send({ channelId: general.id, content: `before ${index}` });

    const resumed = await rawClient(instance.wsUrl, member.token);
    resumed.subscribe(2, "message.onEvent", { channelId: general.id, lastEventId: String(start) });
    await resumed.until(() => resumed.of(2).length > 0);
    for (let index = 0; index < 30; index += 1) {
      await owner.caller.message.send({ channelId: general.id, content: `during ${index}` });
      await turn();
    }
    await resumed.until(() => resumed.seqs(2).length === 60);
    await first.until(() => first.seqs(1).length === 60);

    // Both idle now: the next event takes the fast path to each.
    const written = directWrites.length;
    await owner.caller.message.send({ channelId: general.id, content: "after" });
    await resumed.until(() => resumed.seqs(2).length === 61);
    await first.until(() => first.seqs(1).length === 61);
    expect(directWrites.length).toBe(written + 2);
    expect(resumed.seqs(2)).toEqual(range(start + 1n, 61));
    expect(first.seqs(1)).toEqual(range(start + 1n, 61));
    first.close();
    resumed.close();
  });

  it("holds nobody up behind a socket that stops reading, which gets everything in order once it reads again", async () => {
    const { owner, member, general } = await h.community("Slow");
    const slow = await rawClient(instance.wsUrl, member.token);
    const quick = await rawClient(instance.wsUrl, member.token);
    await follow(slow, 1, general.id);
    await follow(quick, 1, general.id);
    const start = readySeq(quick, 1);

    slow.socket.pause();
    const content = "x".repeat(3_000);
    for (let index = 0; index < 100; index += 1) await owner.caller.message.send({ channelId: general.id, content });
    await quick.until(() => quick.seqs(1).length === 100);
    expect(slow.seqs(1).length).toBeLessThan(100);

    slow.socket.resume();
    await slow.until(() => slow.seqs(1).length === 100);
    expect(slow.seqs(1)).toEqual(range(start + 1n, 100));
    expect(quick.seqs(1)).toEqual(range(start + 1n, 100));
    slow.close();
    quick.close();
  });

  it("writes nothing for a stopped subscription, goes on for the others, and lets go of the topic when the last one leaves", async () => {
    const { owner, member, general } = await h.community("Stop");
    const watcher = await rawClient(instance.wsUrl, member.token);
    await follow(watcher, 1, general.id);
    await follow(watcher, 2, general.id);
    const send = (content: string) => owner.caller.message.send({ channelId: general.id, content });
    const sending = (async () => {
      for (let index = 0; index < 30; index += 1) {
        await send(`m${index}`);
        await turn();
      }
    })();
    await watcher.until(() => watcher.seqs(1).length >= 5);
    watcher.stop(1);
    await watcher.until(() => watcher.of(1).some((frame) => frame.result?.type === "stopped"));
    await sending;
    for (let index = 0; index < 5; index += 1) await send(`after the stop ${index}`);
    await watcher.until(() => watcher.seqs(2).length === 35);

    const framesOf1 = watcher.of(1);
    const stopped = framesOf1.findIndex((frame) => frame.result?.type === "stopped");
    expect(framesOf1.slice(stopped + 1)).toEqual([]);
    expect(watcher.seqs(1)).toEqual(watcher.seqs(2).slice(0, watcher.seqs(1).length));

    expect(h.realtime.bus.listenerCount(topics.channel(general.id))).toBe(1);
    watcher.stop(2);
    await eventually(() => h.realtime.bus.listenerCount(topics.channel(general.id)) === 0);
    watcher.close();
  });

  it("ends the stream of a member who is kicked: nothing sent after the kick reaches them", async () => {
    const { owner, member, server, general } = await h.community("Kick");
    const watcher = await rawClient(instance.wsUrl, member.token);
    await follow(watcher, 1, general.id);
    await owner.caller.message.send({ channelId: general.id, content: "before" });
    await watcher.until(() => watcher.seqs(1).length === 1);
    expect(directWrites).toHaveLength(1);

    await owner.caller.member.remove({ serverId: server.id, userId: member.id });
    await watcher.until(() => watcher.of(1).some((frame) => frame.error));
    await owner.caller.message.send({ channelId: general.id, content: "after" });
    await owner.caller.message.send({ channelId: general.id, content: "after, again" });

    const stay = await rawClient(instance.wsUrl, owner.token);
    await follow(stay, 1, general.id);
    await owner.caller.message.send({ channelId: general.id, content: "last" });
    await stay.until(() => stay.seqs(1).length === 1);
    expect(watcher.seqs(1)).toHaveLength(1);
    expect(watcher.of(1).find((frame) => frame.error)!.error!.json.data.code).toBe("NOT_FOUND");
    watcher.close();
    stay.close();
  });
});

describe("the broadcast of typing and presence", () => {
  it("writes a change of typers and of a status once encoded, byte for byte as tRPC's adapter would", async () => {
    const { owner, member, server, general } = await h.community("Others");
    const watchers = [await rawClient(instance.wsUrl, member.token), await rawClient(instance.wsUrl, owner.token)];
    for (const watcher of watchers) {
      watcher.subscribe(1, "typing.onEvent", { channelId: general.id });
      watcher.subscribe(2, "presence.onEvent", { serverId: server.id });
      await watcher.until(() => watcher.of(1).some((frame) => frame.result?.type === "data") && watcher.of(2).some((frame) => frame.result?.type === "data"));
    }
    const typingStarts = directWrites.length;

    await owner.caller.typing.start({ channelId: general.id });
    for (const watcher of watchers) await watcher.until(() => watcher.of(1).filter((frame) => frame.result?.type === "data").length === 2);
    expect(directWrites.length).toBe(typingStarts + 2);
    const typers = watchers.map((watcher) => watcher.frames.filter((frame) => frame.startsWith('{"id":1,')).at(-1)!);
    expect(itemOf(typers[0]!)).toEqual([{ userId: owner.id, username: owner.username }]);
    expect(typers).toEqual([await referenceFrame(itemOf(typers[0]!), 1), await referenceFrame(itemOf(typers[0]!), 1)]);

    // A send stops its author's typing: one change; the next send changes nothing and writes nothing.
    await owner.caller.message.send({ channelId: general.id, content: "typed" });
    await owner.caller.message.send({ channelId: general.id, content: "again" });
    for (const watcher of watchers) await watcher.until(() => watcher.of(1).filter((frame) => frame.result?.type === "data").length === 3);
    expect(directWrites.length).toBe(typingStarts + 4);

    await member.caller.status.set({ presence: "dnd", custom: { text: "deep work", expiresInSeconds: 3600 } });
    for (const watcher of watchers) await watcher.until(() => watcher.of(2).filter((frame) => frame.result?.type === "data").length === 2);
    expect(directWrites.length).toBe(typingStarts + 6);
    const changes = watchers.map((watcher) => watcher.frames.filter((frame) => frame.startsWith('{"id":2,')).at(-1)!);
    expect(itemOf(changes[0]!)).toMatchObject({ type: "change", userId: member.id, status: "dnd", custom: { text: "deep work", expiresAt: expect.any(Date) } });
    expect(changes).toEqual([await referenceFrame(itemOf(changes[0]!), 2), await referenceFrame(itemOf(changes[0]!), 2)]);
    for (const watcher of watchers) watcher.close();
  });
});
