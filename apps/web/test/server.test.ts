/**
 * The embedded mode as `pnpm dev` runs it: one process serving Next.js and the WebSocket at
 * /api/ws on the same port. A message sent through Next's route handler reaches a subscriber of
 * the custom server's WebSocket (one bus per process, shared across Next's bundle), and other
 * upgrade requests (hot reload) still reach Next.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { ChannelEvent } from "@chat/api";
import { createChatClient } from "@chat/api/client";
import { createTestServerEnv } from "@chat/db/testing";
import { freePort } from "@chat/realtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

const root = path.resolve(import.meta.dirname, "..");
const dataDir = mkdtempSync(path.join(tmpdir(), "chat-web-"));
let serverEnv: Awaited<ReturnType<typeof createTestServerEnv>>;
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  serverEnv = await createTestServerEnv(dataDir);
  const port = await freePort();
  base = `127.0.0.1:${port}`;
  child = spawn(path.join(root, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: root,
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
    env: { ...process.env, ...serverEnv.env, PORT: String(port), NODE_ENV: "development", LOG_LEVEL: "warn", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  while (!(await fetch(`http://${base}/api/health`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null) throw new Error(`web server exited with ${child.exitCode}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
});

afterAll(async () => {
  if (child.exitCode === null) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  await serverEnv.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function client(token?: string) {
  return createChatClient({
    httpUrl: `http://${base}/api/trpc`,
    wsUrl: `ws://${base}/api/ws`,
    token: () => token,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}

async function upgradeStatus(pathname: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(`ws://${base}${pathname}`, { headers });
  return new Promise((resolve) => {
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
  });
}

describe("apps/web server", () => {
  it("serves /api/ws beside Next: a send through the route handler reaches the WebSocket subscriber", async () => {
    const username = `web${randomBytes(3).toString("hex")}`;
    const anonymous = client();
    const { token } = await anonymous.api.auth.signup.mutate({ username, email: `${username}@example.com`, password: "correct horse battery" });
    const me = client(token);
    const server = await me.api.server.create.mutate({ name: "Web" });
    const [channel] = await me.api.channel.list.query({ serverId: server.id });

    const received: Array<ChannelEvent | { type: "ready" }> = [];
    me.api.message.onEvent.subscribe({ channelId: channel!.id }, { onData: ({ data }) => received.push(data) });
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    await me.api.message.send.mutate({ channelId: channel!.id, content: "through Next's route handler" });
    await expect.poll(() => contentOf(received.at(-1))).toBe("through Next's route handler");
    await Promise.all([anonymous.close(), me.close()]);
  });

  it("passes other upgrades (hot reload) to Next and refuses foreign origins on /api/ws", async () => {
    expect(await upgradeStatus("/_next/hmr")).toBe(101);
    expect(await upgradeStatus("/api/ws", { origin: "https://evil.example" })).toBe(403);
  });
});

function contentOf(event: ChannelEvent | { type: "ready" } | undefined): string | undefined {
  return event?.type === "created" || event?.type === "updated" ? event.message.content : undefined;
}
