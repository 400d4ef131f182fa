/**
 * The WebSocket endpoint under bad input and lost access: bad tokens, malformed frames, foreign
 * origins, caps per connection, members removed while subscribed, and shutdown.
 */
import { once } from "node:events";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { type AppRouter, SESSION_COOKIE } from "../src";
import { realtimeLimits } from "@chat/realtime/ws";
import { TRPCClientError, createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";

import { liveLimits } from "../src/lib/live";
import { createHarness, type Harness } from "./harness";
import { collector, type Instance, startInstance } from "./live-harness";

let h: Harness;
let instance: Instance;
beforeAll(async () => {
  h = await createHarness();
  instance = await startInstance({ db: h.handle.db, realtime: h.realtime, allowedOrigins: ["https://chat.example"] });
});
afterAll(async () => {
  await instance.close();
  await h.close();
});

/** A raw socket that records every frame it receives. */
async function rawSocket(url: string, options: { headers?: Record<string, string> } = {}) {
  const socket = new WebSocket(url, options);
  const frames: string[] = [];
  socket.on("message", (data) => frames.push(String(data)));
  await once(socket, "open");
  const closed = once(socket, "close").then(([code]) => code as number);
  return { socket, frames, closed };
}

const subscribeFrame = (id: number, path: string, input: unknown) =>
  JSON.stringify({ id, method: "subscription", params: { path, input: { json: input } } });

async function room() {
  const owner = await h.user("owner");
  const member = await h.user("member");
  const server = await owner.caller.server.create({ name: "Room" });
  await member.caller.server.join({ inviteCode: server.inviteCode });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, member, server, channelId: channel!.id };
}

/** The server still serves a well-behaved client end to end. */
async function stillServes() {
  const { owner, member, channelId } = await room();
  const events = collector<{ data: { type: string } }>();
  instance.client(member.token).api.message.onEvent.subscribe({ channelId }, events);
  await events.until(() => events.items.length === 1);
  await owner.caller.message.send({ channelId, content: "still here" });
  await events.until(() => events.items.length === 2);
  expect(events.items[1]!.data.type).toBe("created");
}

describe("authentication", () => {
  it("answers UNAUTHORIZED to a bad or missing token in connectionParams, and stays up", async () => {
    const { channelId } = await room();
    for (const token of ["not-a-token", undefined]) {
      const events = collector();
      instance.client(token).api.message.onEvent.subscribe({ channelId }, events);
      await events.until(() => events.ended);
      expect(events.errors[0]).toMatchObject({ data: { code: "UNAUTHORIZED" } });
    }
    await stillServes();
  });

  it("authenticates from the session cookie of the upgrade request", async () => {
    const { owner, member, channelId } = await room();
    const raw = await rawSocket(instance.wsUrl, { headers: { cookie: `${SESSION_COOKIE}=${member.token}` } });
    raw.socket.send(subscribeFrame(1, "message.onEvent", { channelId }));
    await expect.poll(() => raw.frames.some((frame) => frame.includes('"ready"'))).toBe(true);
    await owner.caller.message.send({ channelId, content: "for the cookie holder" });
    await expect.poll(() => raw.frames.some((frame) => frame.includes("for the cookie holder"))).toBe(true);
    raw.socket.close();
  });

  it("closes, without crashing, a connection whose connectionParams are malformed", async () => {
    for (const frame of ['{"method":"connectionParams","data":{"token":5}}', "{not json", '"a string"']) {
      const raw = await rawSocket(`${instance.wsUrl}?connectionParams=1`);
      raw.socket.send(frame);
      await raw.closed;
      expect(raw.frames.join()).toMatch(/"code":-32700/); // PARSE_ERROR, before the close
    }
    await stillServes();
  });
});

describe("malformed traffic", () => {
  it("answers garbage, wrong shapes and unknown procedures with errors, and stays up", async () => {
    const raw = await rawSocket(instance.wsUrl);
    raw.socket.send("{not json");
    raw.socket.send(Buffer.from([0xff, 0x00, 0x13]), { binary: true });
    raw.socket.send(JSON.stringify({ id: 1, method: "subscription", params: { path: "message.onEvent", input: { json: { channelId: "x" } } } }));
    raw.socket.send(JSON.stringify({ id: 2, method: "query", params: { path: "no.such.procedure", input: {} } }));
    raw.socket.send(JSON.stringify({ id: 3, method: "subscription", params: null }));
    raw.socket.send(JSON.stringify(Array.from({ length: 50 }, (_, id) => ({ id: id + 10, method: "query", params: { path: "auth.me" } }))));
    await expect.poll(() => raw.frames.length).toBeGreaterThanOrEqual(5);
    expect(raw.socket.readyState).toBe(WebSocket.OPEN);
    raw.socket.close();
    await stillServes();
  });

  it("closes a connection that sends a frame over 64 KiB (1009)", async () => {
    const raw = await rawSocket(instance.wsUrl);
    raw.socket.send("x".repeat(64 * 1024 + 1));
    expect(await raw.closed).toBe(1009);
    await stillServes();
  });

  it("answers calls past 120 frames a minute with TOO_MANY_REQUESTS and retryAfter, and closes at twice that (1008)", async () => {
    const perWindow = realtimeLimits.messagesPerWindow;
    const raw = await rawSocket(instance.wsUrl);
    for (let i = 0; i < perWindow; i++) raw.socket.send("PING");
    await expect.poll(() => raw.frames.filter((frame) => frame === "PONG").length).toBe(perWindow);
    raw.socket.send(JSON.stringify({ id: 7, method: "query", params: { path: "auth.me" } }));
    await expect.poll(() => raw.frames.some((frame) => frame.includes('"id":7'))).toBe(true);
    const refusal = JSON.parse(raw.frames.find((frame) => frame.includes('"id":7'))!) as { error: { json: { data: unknown } } };
    expect(refusal.error.json.data).toEqual({ code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfter: expect.any(Number) });
    for (let i = 0; i < perWindow; i++) raw.socket.send("PING");
    expect(await raw.closed).toBe(1008);
    await stillServes();
  });

  it("gives a typed client a TRPCClientError TOO_MANY_REQUESTS past the cap", async () => {
    const { member } = await room();
    const ws = createWSClient({ url: instance.wsUrl, WebSocket: WebSocket as never, connectionParams: { token: member.token } });
    const api = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
    try {
      for (let i = 0; i < realtimeLimits.messagesPerWindow - 1; i++) await api.auth.me.query();
      await expect(api.auth.me.query()).rejects.toSatisfy(
        (error) => error instanceof TRPCClientError && error.data?.code === "TOO_MANY_REQUESTS",
      );
    } finally {
      await ws.close();
    }
  });

  it("refuses subscriptions past the per-connection cap with TOO_MANY_REQUESTS", async () => {
    const { member, channelId } = await room();
    const client = instance.client(member.token);
    const open = Array.from({ length: liveLimits.subscriptionsPerConnection }, () => {
      const typing = collector();
      client.api.typing.onChange.subscribe({ channelId }, typing);
      return typing;
    });
    await Promise.all(open.map((typing) => typing.until(() => typing.items.length === 1)));
    const refused = collector();
    client.api.typing.onChange.subscribe({ channelId }, refused);
    await refused.until(() => refused.ended);
    expect(refused.errors[0]).toMatchObject({ data: { code: "TOO_MANY_REQUESTS" } });
  });
});

describe("origin", () => {
  it("refuses an upgrade from a foreign origin with 403, accepts its own host and the allowlist", async () => {
    const foreign = new WebSocket(instance.wsUrl, { headers: { origin: "https://evil.example" } });
    const [, response] = (await once(foreign, "unexpected-response")) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
    for (const origin of [`http://127.0.0.1:${instance.port}`, "https://chat.example"]) {
      const allowed = await rawSocket(instance.wsUrl, { headers: { origin } });
      allowed.socket.close();
    }
  });
});

describe("losing access ends live subscriptions", () => {
  const losses = {
    "removed by the owner": (r: Awaited<ReturnType<typeof room>>) =>
      r.owner.caller.member.remove({ serverId: r.server.id, userId: r.member.id }),
    "leaving the server": (r: Awaited<ReturnType<typeof room>>) => r.member.caller.server.leave({ serverId: r.server.id }),
    "the channel deleted": (r: Awaited<ReturnType<typeof room>>) => r.owner.caller.channel.delete({ channelId: r.channelId }),
    "the server deleted": (r: Awaited<ReturnType<typeof room>>) => r.owner.caller.server.delete({ serverId: r.server.id }),
  };
  for (const [how, lose] of Object.entries(losses)) {
    it(`ends message, typing and presence subscriptions with NOT_FOUND: ${how}`, async () => {
      const r = await room();
      const client = instance.client(r.member.token);
      const events = collector();
      const typing = collector();
      const presence = collector();
      client.api.message.onEvent.subscribe({ channelId: r.channelId }, events);
      client.api.typing.onChange.subscribe({ channelId: r.channelId }, typing);
      client.api.presence.onChange.subscribe({ serverId: r.server.id }, presence);
      await Promise.all([events, typing, presence].map((c) => c.until(() => c.items.length === 1)));
      await lose(r);
      const channelLost = how === "the channel deleted";
      await Promise.all([events, typing, ...(channelLost ? [] : [presence])].map((c) => c.until(() => c.ended)));
      expect(events.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });
      expect(typing.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });
      if (!channelLost) expect(presence.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });
      else expect(presence.ended).toBe(false); // still a member of the server
    });
  }
});

describe("shutdown", () => {
  it("tells connected clients to reconnect, then closes", async () => {
    const other = await startInstance({ db: h.handle.db });
    const raw = await rawSocket(other.wsUrl);
    const closing = other.close();
    await expect.poll(() => raw.frames).toContainEqual(JSON.stringify({ id: null, method: "reconnect" }));
    await closing;
    await raw.closed;
  });
});
