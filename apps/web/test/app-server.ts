import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
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

export interface AppServer {
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
  /** Resolves once a line of output satisfies `match`. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  /** Sends a signal to the process. */
  signal(name: NodeJS.Signals): void;
  /** The exit code, once the process has ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

/**
 * Starts the real app (apps/web/server.ts: migrations, Next.js, route handlers) as a child process
 * on a free port, with an empty database of its own, and waits until /api/health answers.
 * One at a time: Next.js allows one dev server per app folder (vitest.config.ts runs files in turn).
 */
export async function startAppServer(extraEnv: Record<string, string> = {}): Promise<AppServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "chat-rtc-"));
  const database = await createTestServerEnv(dataDir);
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
  const exited = once(child, "exit").then(([code]) => code as number | null);
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
    port,
    logs: () => output,
    async waitForLine(match, timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const line = output.split("\n").find(match);
        if (line !== undefined) return line;
        if (Date.now() > until) throw new Error(`no such line in the server's output:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    signal: (name) => void child.kill(name),
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
