import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestServerEnv } from "@chat/db/testing";
import { type ServerProcess, startServerProcess } from "@chat/server-kit/testing";
import { freePort } from "@chat/vitest-config/free-port";

const webDir = path.resolve(import.meta.dirname, "..");

export type AppServer = ServerProcess;

export interface AppServerOptions {
  /** What node runs, in apps/web: server.ts through tsx by default, or the compiled dist/server.js. */
  entry?: string;
  /** Runs against the new, empty database before the server starts, e.g. to seed it. */
  prepare?: (databaseEnv: Record<string, string>) => Promise<void>;
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
  const server = await startServerProcess({
    cwd: webDir,
    entry: options.entry ?? "server.ts",
    port,
    env: { NODE_ENV: "development", LOG_LEVEL: "warn", PORT: String(port), ...database.env, ...extraEnv },
  });
  return {
    ...server,
    async stop() {
      await server.stop();
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
