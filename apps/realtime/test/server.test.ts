/**
 * apps/realtime as deployed: real processes on free ports. With DATABASE_URL two instances share
 * PostgreSQL and Redis (send on A, receive on B); without it the embedded PGlite cannot be shared
 * between processes, so one process plays both parts (the cross-instance logic itself is covered
 * in-process by packages/api/test/scaled.test.ts in both modes).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { AppRouter, ChannelEvent } from "@chat/api";
import { createTestServerEnv } from "@chat/db/testing";
import { env } from "@chat/env";
import { freePort, type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { createTRPCClient, createWSClient, type TRPCClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "chat-realtime-"));
let serverEnv: Awaited<ReturnType<typeof createTestServerEnv>>;
let redis: RedisServer | undefined;
const processes: ChildProcess[] = [];
const closers: Array<() => Promise<void>> = [];

interface Running {
  url: string;
  child: ChildProcess;
}

async function startRealtime(extra: Record<string, string>): Promise<Running> {
  const port = await freePort();
  // Node itself with tsx's loader, not the tsx CLI: one process, so that killing it leaves no orphan.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
    env: { ...process.env, ...serverEnv.env, ...extra, WS_PORT: String(port), NODE_ENV: "test", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  processes.push(child);
  while (!(await fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`realtime server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url: `ws://127.0.0.1:${port}/api/ws`, child };
}

/** A client that speaks only WebSocket, as a script talking to a realtime server would. */
function wsClient(url: string, token?: string): TRPCClient<AppRouter> {
  const ws = createWSClient({
    url,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => (token ? { token } : {}),
  });
  closers.push(() => ws.close());
  return createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
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
  a = await startRealtime(shared);
  b = env.DATABASE_URL ? await startRealtime(shared) : a;
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
    owner.api.presence.onChange.subscribe(
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

  it("answers the probes on its own port, and plain requests with 426", async () => {
    const base = a.url.replace("ws://", "http://").replace("/api/ws", "");
    expect(await (await fetch(`${base}/api/health`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${base}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", ...(env.DATABASE_URL ? { redis: "ok" } : {}) },
    });
    expect((await fetch(`${base}/api/ws`)).status).toBe(426);
  });

  it("on SIGTERM tells its clients to reconnect, drains, and exits cleanly", async () => {
    const victim = env.DATABASE_URL ? b : await startRealtime({});
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
