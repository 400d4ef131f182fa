/**
 * apps/realtime as deployed: real processes on free ports. With DATABASE_URL two instances share
 * PostgreSQL and Redis (send on A, receive on B); without it the embedded PGlite cannot be shared
 * between processes, so one process plays both parts (the cross-instance logic itself is covered
 * in-process by packages/api/test/scaled.test.ts in both modes). A process with tiny connection
 * caps shows that the deployed server reads WS_MAX_CONNECTIONS_PER_*.
 */
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { AppRouter, ChannelEvent } from "@chat/api";
import { createTestServerEnv } from "@chat/db/testing";
import { env } from "@chat/env";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import type { TRPCClient } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { type Running, startRealtime, wsClient as openWsClient } from "./processes";

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-realtime-"));
let serverEnv: Awaited<ReturnType<typeof createTestServerEnv>>;
let redis: RedisServer | undefined;
const processes: ChildProcess[] = [];
const closers: Array<() => Promise<void>> = [];

/** A client that speaks only WebSocket, closed after the file. */
function wsClient(url: string, token?: string): TRPCClient<AppRouter> {
  const client = openWsClient(url, token);
  closers.push(client.close);
  return client.api;
}

async function signup(url: string) {
  const username = `proc${randomBytes(3).toString("hex")}`;
  const { token, user } = await wsClient(url).auth.signup.mutate({
    username,
    email: `${username}@example.com`,
    password: "correct horse battery",
  });
  return { token, id: user.id, api: wsClient(url, token) };
}

let a: Running;
let b: Running;

beforeAll(async () => {
  serverEnv = await createTestServerEnv(dataDir);
  const shared: Record<string, string> = { AUTH_SECRET: randomBytes(32).toString("hex"), REDIS_PREFIX: `chat-proc:${randomBytes(4).toString("hex")}:` };
  if (env.DATABASE_URL) {
    if (!env.REDIS_URL) redis = await startRedisServer();
    shared.REDIS_URL = env.REDIS_URL ?? redis!.url;
  }
  a = await startRealtime({ ...serverEnv.env, ...shared });
  processes.push(a.child);
  b = env.DATABASE_URL ? await startRealtime({ ...serverEnv.env, ...shared }) : a;
  processes.push(b.child);
});

afterAll(async () => {
  await Promise.all(closers.map((close) => close()));
  for (const child of processes) if (child.exitCode === null) child.kill("SIGKILL");
  await redis?.stop();
  await serverEnv.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe(`apps/realtime (${env.DATABASE_URL ? "two processes, PostgreSQL + Redis" : "one process, PGlite"})`, () => {
  it("serves the router over WebSocket: a message sent on A reaches a subscriber on B, with presence", async () => {
    const owner = await signup(a.url);
    const member = await signup(b.url);
    const server = await owner.api.server.create.mutate({ name: "Processes" });
    await member.api.server.join.mutate({ inviteCode: server.inviteCode });
    const [channel] = await owner.api.channel.list.query({ serverId: server.id });

    // The member's socket is open (on B): the owner (on A) sees them online.
    const status = new Map<string, string>();
    owner.api.presence.onEvent.subscribe(
      { serverId: server.id },
      {
        onData: (item) => {
          if (item.type === "snapshot") item.statuses.forEach((entry) => status.set(entry.userId, entry.status));
          else status.set(item.userId, item.status);
        },
      },
    );
    await expect.poll(() => status.get(member.id)).toBe("online");

    const received: Array<ChannelEvent | { type: "ready" }> = [];
    member.api.message.onEvent.subscribe({ channelId: channel!.id }, { onData: ({ data }) => received.push(data) });
    await expect.poll(() => received.length).toBe(1);
    await owner.api.message.send.mutate({ channelId: channel!.id, content: "across processes" });
    await expect.poll(() => contentOf(received.at(-1))).toBe("across processes");
  });

  it("caps connections per address (429) and per user (4429) as WS_MAX_CONNECTIONS_PER_* say", async () => {
    // A process of its own with tiny caps; in the embedded mode, with a database of its own too.
    const capped = await startRealtime({
      ...serverEnv.env,
      ...(env.DATABASE_URL ? {} : { DATA_DIR: path.join(dataDir, "caps") }),
      WS_MAX_CONNECTIONS_PER_ADDRESS: "3",
      WS_MAX_CONNECTIONS_PER_USER: "1",
    });
    processes.push(capped.child);
    const signingUp = openWsClient(capped.url);
    const username = `caps${randomBytes(3).toString("hex")}`;
    const { token } = await signingUp.api.auth.signup.mutate({ username, email: `${username}@example.com`, password: "correct horse battery" });
    await signingUp.close();

    const open = (headers: Record<string, string> = {}) => {
      const socket = new WebSocket(capped.url, { headers });
      const frames: string[] = [];
      socket.on("message", (data) => frames.push(String(data)));
      const closed = once(socket, "close").then(([code]) => code as number);
      const refused = once(socket, "unexpected-response").then(([, response]) => (response as { statusCode: number }).statusCode);
      return { socket, frames, closed, status: Promise.race([once(socket, "open").then(() => 101), refused]) };
    };
    /** Opens a socket once the address has room: a close is released a moment after the client sees it. */
    const openSoon = async (headers: Record<string, string> = {}) => {
      for (;;) {
        const connection = open(headers);
        if ((await connection.status) === 101) return connection;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const signedIn = { authorization: `Bearer ${token}` };
    const first = await openSoon(signedIn);
    const second = open(signedIn);
    expect(await second.status).toBe(101);
    expect(await second.closed).toBe(4429);
    await openSoon();
    await openSoon();
    expect(await open().status).toBe(429); // the first and these two

    first.socket.close();
    const again = await openSoon(signedIn);
    again.socket.send(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me", input: { json: null } } }));
    await expect.poll(() => again.frames.some((frame) => frame.includes(username))).toBe(true);
  });

  it("on SIGTERM tells its clients to reconnect, drains, and exits cleanly", async () => {
    const victim = env.DATABASE_URL ? b : await startRealtime(serverEnv.env);
    processes.push(victim.child);
    const socket = new WebSocket(victim.url);
    const frames: string[] = [];
    socket.on("message", (data) => {
      frames.push(String(data));
      socket.close(); // as a client does: reconnect elsewhere, leaving this one free to drain
    });
    await once(socket, "open");
    victim.child.kill("SIGTERM");
    const [code] = await once(victim.child, "exit");
    expect(frames).toContain(JSON.stringify({ id: null, method: "reconnect" }));
    expect(code).toBe(0);
  });
});

function contentOf(event: ChannelEvent | { type: "ready" } | undefined): string | undefined {
  return event?.type === "created" || event?.type === "updated" ? event.message.content : undefined;
}
