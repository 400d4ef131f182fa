/**
 * The WebSocket endpoint under bad input and lost access: bad tokens, malformed frames, foreign
 * origins, caps per connection, connection floods per user and per address, members removed
 * while subscribed, and shutdown.
 */
import { once } from "node:events";
import { request } from "node:http";

import { env } from "@chat/env";
import { TOO_MANY_CONNECTIONS_CLOSE_CODE } from "@chat/policy/close-codes";
import { realtimeLimits } from "@chat/realtime/ws";
import { TRPCClientError, createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { type AppRouter, SESSION_COOKIE } from "../src";
import { liveLimits } from "../src/live/subscribe";
import { collector, eventually, startInstance, useLiveInstance } from "./live-harness";

const app = useLiveInstance({ allowedOrigins: ["https://chat.example"] });

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
  const owner = await app.h.user("owner");
  const member = await app.h.user("member");
  const server = await owner.caller.server.create({ name: "Room" });
  await member.caller.server.join({ inviteCode: server.inviteCode });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, member, server, channelId: channel!.id };
}

/** The server still serves a well-behaved client end to end. */
async function stillServes() {
  const { owner, member, channelId } = await room();
  const events = collector<{ data: { type: string } }>();
  app.instance.client(member.token).api.message.onEvent.subscribe({ channelId }, events);
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
      app.instance.client(token).api.message.onEvent.subscribe({ channelId }, events);
      await events.until(() => events.ended);
      expect(events.errors[0]).toMatchObject({ data: { code: "UNAUTHORIZED" } });
    }
    await stillServes();
  });

  it("authenticates from the session cookie of the upgrade request", async () => {
    const { owner, member, channelId } = await room();
    const raw = await rawSocket(app.instance.wsUrl, { headers: { cookie: `${SESSION_COOKIE}=${member.token}` } });
    raw.socket.send(subscribeFrame(1, "message.onEvent", { channelId }));
    await expect.poll(() => raw.frames.some((frame) => frame.includes('"ready"'))).toBe(true);
    await owner.caller.message.send({ channelId, content: "for the cookie holder" });
    await expect.poll(() => raw.frames.some((frame) => frame.includes("for the cookie holder"))).toBe(true);
    raw.socket.close();
  });

  it("closes, without crashing, a connection whose connectionParams are malformed", async () => {
    for (const frame of ['{"method":"connectionParams","data":{"token":5}}', "{not json", '"a string"']) {
      const raw = await rawSocket(`${app.instance.wsUrl}?connectionParams=1`);
      raw.socket.send(frame);
      await raw.closed;
      expect(raw.frames.join()).toMatch(/"code":-32700/); // PARSE_ERROR, before the close
    }
    await stillServes();
  });
});

describe("malformed traffic", () => {
  it("answers garbage, wrong shapes and unknown procedures with errors, and stays up", async () => {
    const raw = await rawSocket(app.instance.wsUrl);
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
    const raw = await rawSocket(app.instance.wsUrl);
    raw.socket.send("x".repeat(64 * 1024 + 1));
    expect(await raw.closed).toBe(1009);
    await stillServes();
  });

  it("answers calls past 120 frames a minute with TOO_MANY_REQUESTS and retryAfter, and closes at twice that (1008)", async () => {
    const perWindow = realtimeLimits.messagesPerWindow;
    const raw = await rawSocket(app.instance.wsUrl);
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
    const ws = createWSClient({ url: app.instance.wsUrl, WebSocket: WebSocket as never, connectionParams: { token: member.token } });
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
    const client = app.instance.client(member.token);
    const open = Array.from({ length: liveLimits.subscriptionsPerConnection }, () => {
      const typing = collector();
      client.api.typing.onEvent.subscribe({ channelId }, typing);
      return typing;
    });
    await Promise.all(open.map((typing) => typing.until(() => typing.items.length === 1)));
    const refused = collector();
    client.api.typing.onEvent.subscribe({ channelId }, refused);
    await refused.until(() => refused.ended);
    expect(refused.errors[0]).toMatchObject({ data: { code: "TOO_MANY_REQUESTS" } });
  });
});

describe("origin", () => {
  it("refuses an upgrade from a foreign origin with 403, accepts its own host and the allowlist", async () => {
    const foreign = new WebSocket(app.instance.wsUrl, { headers: { origin: "https://evil.example" } });
    const [, response] = (await once(foreign, "unexpected-response")) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
    for (const origin of [`http://127.0.0.1:${app.instance.port}`, "https://chat.example"]) {
      const allowed = await rawSocket(app.instance.wsUrl, { headers: { origin } });
      allowed.socket.close();
    }
  });
});

describe("connection floods", () => {
  /** An instance of its own, so that the connections the other tests leave open do not count. */
  const fresh = () => startInstance({ db: app.h.handle.db, realtime: app.h.realtime });

  /**
   * Opens a socket as `token` and waits for the server's verdict: `refusal` null once `auth.me`
   * is answered (taken), else the code and reason it was closed with.
   */
  async function connectAs(url: string, token: string) {
    const raw = await rawSocket(url, { headers: { authorization: `Bearer ${token}` } });
    let refusal: { code: number; reason: string } | null | undefined;
    raw.socket.once("close", (code, reason) => (refusal ??= { code, reason: String(reason) }));
    raw.socket.on("message", (data) => {
      if (String(data).startsWith('{"id":1,"result"')) refusal ??= null;
    });
    raw.socket.send(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me", input: { json: null } } }));
    await eventually(() => refusal !== undefined);
    return { ...raw, refusal };
  }

  /** The status of an upgrade from `localAddress`: 101 when the socket opened (it is then closed). */
  async function upgradeStatus(url: string, localAddress = "127.0.0.1"): Promise<number> {
    const socket = new WebSocket(url, { localAddress });
    const refused = once(socket, "unexpected-response").then(([, response]) => (response as { statusCode: number }).statusCode);
    const status = await Promise.race([once(socket, "open").then(() => 101), refused]);
    if (status === 101) socket.close();
    return status;
  }

  it(`closes a user's connection past ${env.WS_MAX_CONNECTIONS_PER_USER} with 4429, and takes one again once another closes`, async () => {
    const own = await fresh();
    const [user, other] = [await app.h.user("tabs"), await app.h.user("other")];
    const taken = [];
    for (let i = 0; i < env.WS_MAX_CONNECTIONS_PER_USER; i++) {
      const connection = await connectAs(own.wsUrl, user.token);
      expect(connection.refusal, `connection ${i + 1}`).toBeNull();
      taken.push(connection);
    }
    const refused = await connectAs(own.wsUrl, user.token);
    expect(refused.refusal).toEqual({ code: TOO_MANY_CONNECTIONS_CLOSE_CODE, reason: "Too many connections" });
    // Before the close, tRPC's own refusal, which makes its clients back off rather than reconnect at once.
    expect(JSON.parse(refused.frames.find((frame) => frame.startsWith('{"id":null'))!)).toMatchObject({ id: null, error: { json: { data: { code: "TOO_MANY_REQUESTS" } } } });
    expect((await connectAs(own.wsUrl, other.token)).refusal).toBeNull();
    expect(taken.every((connection) => connection.socket.readyState === WebSocket.OPEN)).toBe(true);

    taken[0]!.socket.close();
    await eventually(async () => (await connectAs(own.wsUrl, user.token)).refusal === null);
    await own.close();
  });

  it(`answers the upgrade past ${env.WS_MAX_CONNECTIONS_PER_ADDRESS} connections from one address with 429, and takes one again once another closes`, async () => {
    const own = await fresh();
    const open = [];
    for (let i = 0; i < env.WS_MAX_CONNECTIONS_PER_ADDRESS; i++) open.push(await rawSocket(own.wsUrl));
    expect(await upgradeStatus(own.wsUrl)).toBe(429);
    expect(await upgradeStatus(own.wsUrl, "127.0.0.2")).toBe(101); // another address is not affected
    expect(open.every((raw) => raw.socket.readyState === WebSocket.OPEN)).toBe(true);

    open[0]!.socket.close();
    await eventually(async () => (await upgradeStatus(own.wsUrl)) === 101);
    await own.close();
  });

  it("releases an address's count when the handshake fails", async () => {
    const own = await fresh();
    try {
      const { port } = own;
      const broken = () =>
        new Promise<number>((resolve, reject) => {
          // An upgrade without Sec-WebSocket-Key: taken by the upgrade handler, refused by the handshake.
          const req = request({ port, host: "127.0.0.1", path: "/api/ws", headers: { connection: "Upgrade", upgrade: "websocket" } });
          req.on("response", (response) => resolve(response.statusCode ?? 0)).on("error", reject).end();
        });
      const statuses = await Promise.all(Array.from({ length: env.WS_MAX_CONNECTIONS_PER_ADDRESS + 1 }, broken));
      expect(statuses.every((status) => status === 400 || status === 429)).toBe(true);
      await eventually(async () => (await upgradeStatus(own.wsUrl)) === 101);
    } finally {
      await own.close();
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
      const client = app.instance.client(r.member.token);
      const events = collector();
      const typing = collector();
      const presence = collector();
      client.api.message.onEvent.subscribe({ channelId: r.channelId }, events);
      client.api.typing.onEvent.subscribe({ channelId: r.channelId }, typing);
      client.api.presence.onEvent.subscribe({ serverId: r.server.id }, presence);
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
    const other = await startInstance({ db: app.h.handle.db });
    const raw = await rawSocket(other.wsUrl);
    const closing = other.close();
    await expect.poll(() => raw.frames).toContainEqual(JSON.stringify({ id: null, method: "reconnect" }));
    await closing;
    await raw.closed;
  });
});
