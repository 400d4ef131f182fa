import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";

import { freePort } from "@chat/vitest-config/free-port";

export interface RedisServer {
  url: string;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty: a Redis restart as clients see it. */
  start(): Promise<void>;
}

/** A private redis-server on a free port, for tests that restart Redis without touching a shared one. */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    const server = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = server;
    let output = "";
    let failure: Error | null = null;
    server.once("error", (error) => (failure = error)); // e.g. redis-server is not installed
    server.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes("Ready to accept connections")) {
      if (failure) throw new Error(`redis-server could not start (is it installed?): ${String(failure)}`);
      if (server.exitCode !== null) throw new Error(`redis-server exited: ${output}`);
      if (Date.now() - started > 10_000) throw new Error(`redis-server did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      running.kill("SIGKILL");
      await once(running, "exit");
    },
  };
}
