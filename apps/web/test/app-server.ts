import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestServerEnv } from "@chat/db/testing";

const webDir = path.resolve(import.meta.dirname, "..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

export interface AppServerOptions {
  /** Runs against the new, empty database before the server starts, e.g. to seed it. */
  prepare?: (databaseEnv: Record<string, string>) => Promise<void>;
}

export interface AppServer {
  url: string;
  logs(): string;
  stop(): Promise<void>;
}

/**
 * Starts the real app (apps/web/server.ts: migrations, Next.js, route handlers) as a child process
 * on a free port, with an empty database of its own, and waits until /api/health answers.
 */
export async function startAppServer(extraEnv: Record<string, string> = {}, options: AppServerOptions = {}): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-rtc-"));
  const database = await createTestServerEnv(dataDir);
  await options.prepare?.(database.env);
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    cwd: webDir,
    env: {
      PATH: process.env.PATH, // eslint-disable-line no-restricted-properties -- the child needs the caller's PATH
      NODE_ENV: "development",
      NEXT_TELEMETRY_DISABLED: "1",
      LOG_LEVEL: "warn",
      PORT: String(port),
      ...database.env,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server did not become healthy:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    logs: () => output,
    async stop() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill("SIGKILL");
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
