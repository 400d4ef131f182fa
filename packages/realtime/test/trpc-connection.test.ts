/**
 * Our connection handler speaks tRPC's WebSocket protocol as `@trpc/server/adapters/ws` does: the
 * same client frames, sent to a server of each, get the same frames back, byte for byte (calls,
 * errors, subscriptions with `tracked()` ids and `lastEventId`, stops, `connectionParams`, bad
 * frames, the reconnect notification).
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { TRPCError, initTRPC, tracked } from "@trpc/server";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";

import { type RealtimeServer, createRealtimeServer } from "../src/ws";

interface Ctx {
  token: string | null;
}
const t = initTRPC.context<Ctx>().create({ transformer: superjson, isDev: false });
/** Input parsers as tRPC takes them (a function that returns the input or throws). */
const numbers = (raw: unknown) => {
  const { a, b } = (raw ?? {}) as { a?: unknown; b?: unknown };
  if (typeof a !== "number" || typeof b !== "number") throw new Error("a and b must be numbers");
  return { a, b };
};
const resumable = (raw: unknown) => (raw ?? {}) as { lastEventId?: string };
const never = (signal: AbortSignal | undefined) => new Promise((resolve) => signal?.addEventListener("abort", resolve));
/** What `endsByReturn` saw: the signal each call got, and how many times its iterator was returned. */
const endsByReturnCalls = { signals: [] as Array<AbortSignal | undefined>, returned: 0 };
const router = t.router({
  hello: t.procedure.query(() => ({ at: new Date(0), big: 1n })),
  whoami: t.procedure.query(({ ctx }) => ctx.token),
  add: t.procedure.input(numbers).mutation(({ input }) => input.a + input.b),
  fail: t.procedure.query(() => {
    throw new TRPCError({ code: "BAD_REQUEST", message: "no" });
  }),
  /** Three tracked items after `lastEventId`, then done. */
  ticks: t.procedure.input(resumable).subscription(async function* ({ input }) {
    for (let i = Number(input?.lastEventId ?? 0) + 1; i <= 3; i++) yield tracked(String(i), { i });
  }),
  /** One item, then a failure. */
  broken: t.procedure.subscription(async function* () {
    yield "one";
    throw new TRPCError({ code: "FORBIDDEN", message: "gone" });
  }),
  /** One item, then nothing until stopped. */
  forever: t.procedure.subscription(async function* ({ signal }) {
    yield "ready";
    await never(signal);
  }),
  /** One item, then waits until its iterator is returned, never on `signal`: how @chat/api's streams end. */
  endsByReturn: t.procedure.subscription(({ signal }) => {
    endsByReturnCalls.signals.push(signal);
    let sent = false;
    let wake: (() => void) | undefined;
    const iterator: AsyncIterableIterator<string> = {
      [Symbol.asyncIterator]: () => iterator,
      next: () => {
        if (sent) return new Promise((resolve) => (wake = () => resolve({ done: true, value: undefined })));
        sent = true;
        return Promise.resolve({ done: false, value: "ready" });
      },
      return: () => {
        endsByReturnCalls.returned += 1;
        wake?.();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
    return iterator;
  }),
  /** Refused before it starts. */
  refused: t.procedure.subscription(() => {
    throw new TRPCError({ code: "UNAUTHORIZED" });
  }),
});

const createContext = ({ info }: { info: { connectionParams: Record<string, string | undefined> | null } }): Ctx => {
  if (info.connectionParams?.["token"] === "bad") throw new TRPCError({ code: "UNAUTHORIZED", message: "bad token" });
  return { token: info.connectionParams?.["token"] ?? null };
};

let reference: WebSocketServer;
let referenceUrl: string;
let ours: RealtimeServer;
let oursUrl: string;
const http = createServer();
beforeAll(async () => {
  reference = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  await once(reference, "listening");
  applyWSSHandler({ wss: reference, router, createContext, maxBatchSize: 3 });
  referenceUrl = `ws://127.0.0.1:${(reference.address() as AddressInfo).port}`;
  ours = createRealtimeServer({
    router,
    createContext,
    allowedOrigins: [],
    perAddress: { max: 1000, addressOf: () => "test" },
    limits: { maxBatchSize: 3 },
  });
  http.on("upgrade", (req, socket, head) => ours.handleUpgrade(req, socket, head));
  http.listen(0, "127.0.0.1");
  await once(http, "listening");
  oursUrl = `ws://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of reference.clients) socket.terminate();
  await new Promise((resolve) => reference.close(resolve));
  await ours.close(0);
  http.close();
});

/**
 * Sends `frames` on a new connection (`query` is its URL's query string) one after the other,
 * each once the replies to the one before have come (until 150 ms pass without a frame); the
 * frames received, in order. (The official client against this server: @chat/api's live tests.)
 */
async function exchange(url: string, frames: Array<string | Buffer>, query = ""): Promise<string[]> {
  const socket = new WebSocket(url + query);
  const received: string[] = [];
  let last = Date.now();
  socket.on("message", (data) => {
    received.push(String(data));
    last = Date.now();
  });
  await once(socket, "open");
  const quiet = async () => {
    last = Date.now();
    while (Date.now() - last < 150) await new Promise((resolve) => setTimeout(resolve, 25));
  };
  for (const frame of frames) {
    if (socket.readyState !== WebSocket.OPEN) break;
    socket.send(frame);
    await quiet();
  }
  socket.close();
  return received;
}

const call = (id: number | null, method: string, path: string, input?: unknown, extra: object = {}) =>
  JSON.stringify({ id, ...extra, method, params: { path, input: superjson.serialize(input) } });

const scenarios: Record<string, { frames: Array<string | Buffer>; query?: string }> = {
  "a query, with and without jsonrpc": { frames: [call(1, "query", "hello"), call(2, "query", "hello", undefined, { jsonrpc: "2.0" })] },
  "a mutation with input, and one with bad input": { frames: [call(1, "mutation", "add", { a: 1, b: 2 }), call(2, "mutation", "add", { a: "x" })] },
  "a failing query, an unknown path, a query sent as a mutation": {
    frames: [call(1, "query", "fail"), call(2, "query", "nowhere"), call(3, "mutation", "hello")],
  },
  "a subscription that ends, and one resumed after lastEventId": {
    frames: [call(1, "subscription", "ticks"), JSON.stringify({ id: 2, method: "subscription", params: { path: "ticks", input: superjson.serialize(undefined), lastEventId: "1" } })],
  },
  "a subscription that fails after an item, and one refused before it starts": {
    frames: [call(1, "subscription", "broken"), call(2, "subscription", "refused")],
  },
  "a subscription stopped by the client, a duplicate id, a stop of an unknown id": {
    frames: [call(1, "subscription", "forever"), call(1, "subscription", "forever"), JSON.stringify({ id: 1, method: "subscription.stop" }), JSON.stringify({ id: 9, method: "subscription.stop" })],
  },
  "a subscription through the query method, a query through the subscription method": {
    frames: [call(1, "query", "forever"), call(2, "subscription", "hello")],
  },
  "a batch, and a batch over the limit": {
    frames: [`[${call(1, "query", "hello")},${call(2, "subscription", "ticks")}]`, `[${[1, 2, 3, 4].map((id) => call(id, "query", "hello")).join(",")}]`],
  },
  "pings, garbage, a call without an id, a binary frame": {
    frames: ["PING", "PONG", "not json", call(null, "query", "hello"), JSON.stringify({ id: 1, method: "nope" }), JSON.stringify({ id: 1, method: "query", params: { path: "hello" } }), Buffer.from([1, 2, 3])],
  },
  "connectionParams, then calls": {
    query: "?connectionParams=1",
    frames: [JSON.stringify({ method: "connectionParams", data: { token: "t1" } }), call(1, "query", "whoami")],
  },
  "connectionParams refused by the context": {
    query: "?connectionParams=1",
    frames: [JSON.stringify({ method: "connectionParams", data: { token: "bad" } }), call(1, "query", "whoami")],
  },
  "malformed connectionParams": { query: "?connectionParams=1", frames: ["[1"] },
};

describe("TRPCConnection", () => {
  for (const [name, { frames, query }] of Object.entries(scenarios)) {
    it(`answers as tRPC's adapter does: ${name}`, async () => {
      const expected = await exchange(referenceUrl, frames, query);
      expect(expected.length).toBeGreaterThan(0);
      expect(await exchange(oursUrl, frames, query)).toEqual(expected);
    });
  }

  it("tells connected clients to reconnect when the server closes", async () => {
    const server = createRealtimeServer({ router, createContext, allowedOrigins: [], perAddress: { max: 10, addressOf: () => "test" } });
    const local = createServer();
    local.on("upgrade", (req, tcp, head) => server.handleUpgrade(req, tcp, head));
    local.listen(0, "127.0.0.1");
    await once(local, "listening");
    const client = new WebSocket(`ws://127.0.0.1:${(local.address() as AddressInfo).port}`);
    await once(client, "open");
    const message = once(client, "message");
    const closing = server.close(1_000);
    expect(String((await message)[0])).toBe('{"id":null,"method":"reconnect"}');
    client.close();
    await closing;
    local.close();
  });

  it("gives subscriptions no AbortSignal when they end by return(), and still stops them", async () => {
    const server = createRealtimeServer({ router, createContext, allowedOrigins: [], perAddress: { max: 10, addressOf: () => "test" }, subscriptionsEndByReturn: true });
    const local = createServer();
    local.on("upgrade", (req, tcp, head) => server.handleUpgrade(req, tcp, head));
    local.listen(0, "127.0.0.1");
    await once(local, "listening");
    const frames = [call(1, "subscription", "endsByReturn"), JSON.stringify({ id: 1, method: "subscription.stop" })];
    endsByReturnCalls.signals.length = 0;
    endsByReturnCalls.returned = 0;
    const expected = await exchange(oursUrl, frames);
    expect(endsByReturnCalls.signals[0]).toBeInstanceOf(AbortSignal);
    expect(await exchange(`ws://127.0.0.1:${(local.address() as AddressInfo).port}`, frames)).toEqual(expected);
    expect(expected.map((frame) => JSON.parse(frame) as { result?: { type: string } }).map((frame) => frame.result?.type)).toEqual(["started", "data", "stopped"]);
    expect(endsByReturnCalls.signals[1]).toBeUndefined();
    expect(endsByReturnCalls.returned).toBe(2);
    await server.close(0);
    local.close();
  });
});
