import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestServerEnv } from "@chat/db/testing";

export interface AppServer {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  stop(): Promise<void>;
}

const appDir = path.resolve(import.meta.dirname, "../..");
const READY_TIMEOUT_MS = 120_000;

/** A port nobody listens on right now: the kernel picks it, we hand it to the server. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, "127.0.0.1");
  await once(probe, "listening");
  const { port } = probe.address() as { port: number };
  probe.close();
  await once(probe, "close");
  return port;
}

/**
 * Starts the real app (apps/web/server.ts: migrations, then Next.js with every route handler) as
 * a child process on a free port, with a database of its own, and waits until it answers.
 */
export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "chat-web-test-"));
  const database = await createTestServerEnv(dataDir);
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: appDir,
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and friends
    env: { ...process.env, LOG_LEVEL: "warn", ...database.env, PORT: String(port), ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopProcessGroup(child);
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${output}`);
  }
  return { url, stop };
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app server exited with code ${child.exitCode}`);
    const ok = await fetch(`${url}/api/health`).then((response) => response.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the app server did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

/** SIGTERM to the server and anything it started; SIGKILL if it has not exited after 10 s. */
async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.pid) return;
  const exited = once(child, "exit");
  process.kill(-child.pid, "SIGTERM");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
