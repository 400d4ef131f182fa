/**
 * The envelope a SubscriptionSocket learns from tRPC's `started` frame: handed to the stream that
 * tRPC starts in the same synchronous step, and to no code that runs later; with tRPC's adapter and with our server.
 */
import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

import { initTRPC } from "@trpc/server";
import { applyWSSHandler } from "@trpc/server/adapters/ws";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket, WebSocketServer } from "ws";

import { SubscriptionSocket, createRealtimeServer, takeSubscriptionWriter } from "../src/ws";

const t = initTRPC.context<{ socket: WebSocket }>().create({ transformer: superjson });
const never = (signal: AbortSignal | undefined) => new Promise((resolve) => signal?.addEventListener("abort", resolve));
const router = t.router({
  /** Takes the writer in its first step, yields through tRPC, then writes an item itself. */
  direct: t.procedure.subscription(async function* ({ ctx, signal }) {
    const writer = takeSubscriptionWriter(ctx.socket);
    yield "through tRPC";
    writer?.write(JSON.stringify({ type: "data", data: superjson.serialize("written directly") }));
    await never(signal);
  }),
  /** Takes no writer: tRPC writes all it yields. */
  plain: t.procedure.subscription(async function* ({ signal }) {
    yield "plain";
    await never(signal);
  }),
  /** Looks for a writer only on a later turn of the event loop: there is none by then. */
  late: t.procedure.subscription(async function* ({ ctx, signal }) {
    await new Promise((resolve) => setImmediate(resolve));
    yield { taken: takeSubscriptionWriter(ctx.socket) !== null };
    await never(signal);
  }),
});

/** The envelope comes from the `started` frame, whoever writes it: tRPC's adapter, or our server (`TRPCConnection`). */
const servers = {
  "tRPC's adapter": async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1", WebSocket: SubscriptionSocket });
    await once(wss, "listening");
    applyWSSHandler({ wss, router, createContext: ({ res }) => ({ socket: res }) });
    return {
      url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
      close: async () => {
        for (const socket of wss.clients) socket.terminate();
        await new Promise((resolve) => wss.close(resolve));
      },
    };
  },
  "our server": async () => {
    const server = createRealtimeServer({ router, createContext: ({ res }) => ({ socket: res }), allowedOrigins: [], perAddress: { max: 100, addressOf: () => "test" } });
    const http = createServer();
    http.on("upgrade", (req, socket, head) => server.handleUpgrade(req, socket, head));
    http.listen(0, "127.0.0.1");
    await once(http, "listening");
    return {
      url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}`,
      close: async () => {
        await server.close(0);
        http.close();
      },
    };
  },
};

let url: string;

async function frames(calls: object[], count: number): Promise<string[]> {
  const socket = new WebSocket(url);
  const received: string[] = [];
  const done = new Promise<void>((resolve) =>
    socket.on("message", (data) => {
      received.push(String(data));
      if (received.length === count) resolve();
    }),
  );
  await once(socket, "open");
  socket.send(JSON.stringify(calls));
  await done;
  socket.close();
  return received;
}

const call = (id: number, path: string, jsonrpc?: "2.0") => ({ id, ...(jsonrpc && { jsonrpc }), method: "subscription", params: { path, input: { json: null } } });

describe.each(Object.entries(servers))("SubscriptionSocket, %s", (_name, start) => {
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ url, close } = await start());
  });
  afterAll(() => close());

  it("hands the stream tRPC is starting a writer that frames its items as tRPC does, jsonrpc included", async () => {
    expect(await frames([call(5, "direct")], 3)).toEqual([
      '{"id":5,"result":{"type":"started"}}',
      '{"id":5,"result":{"type":"data","data":{"json":"through tRPC"}}}',
      '{"id":5,"result":{"type":"data","data":{"json":"written directly"}}}',
    ]);
    expect(await frames([call(6, "direct", "2.0")], 3)).toEqual([
      '{"id":6,"jsonrpc":"2.0","result":{"type":"started"}}',
      '{"id":6,"jsonrpc":"2.0","result":{"type":"data","data":{"json":"through tRPC"}}}',
      '{"id":6,"jsonrpc":"2.0","result":{"type":"data","data":{"json":"written directly"}}}',
    ]);
  });

  it("gives each stream of a batch its own envelope, and none to code that looks for one later", async () => {
    const received = await frames([call(1, "plain"), call(2, "direct"), call(3, "late"), call(4, "direct")], 10);
    expect(received.filter((frame) => frame.includes("written directly") || frame.includes("taken")).sort()).toEqual([
      '{"id":2,"result":{"type":"data","data":{"json":"written directly"}}}',
      '{"id":3,"result":{"type":"data","data":{"json":{"taken":false}}}}',
      '{"id":4,"result":{"type":"data","data":{"json":"written directly"}}}',
    ]);
  });
});
