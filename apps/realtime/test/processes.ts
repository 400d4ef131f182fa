import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

import type { AppRouter } from "@chat/api";
import { freePort } from "@chat/vitest-config/free-port";
import { waitUntilHealthy } from "@chat/server-kit/testing";
import { createTRPCClient, createWSClient, type TRPCClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { WebSocket } from "ws";

const root = path.resolve(import.meta.dirname, "..");

export interface Running {
  url: string;
  healthUrl: string;
  child: ChildProcess;
}

/**
 * apps/realtime as deployed: the compiled server (test/global-setup.ts compiles it) run by node
 * itself, no wrapper process, so a signal reaches it; on a free port, once its /health answers.
 * Kill it with SIGKILL at the end.
 */
export async function startRealtime(env: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ["dist/main.js"], {
    cwd: root,
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH and the like
    env: { ...process.env, ...env, WS_PORT: String(port), NODE_ENV: "test", LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const healthUrl = `http://127.0.0.1:${port}/api/health`;
  await waitUntilHealthy({ child, healthUrl, name: "apps/realtime", timeoutMs: 60_000 });
  return { url: `ws://127.0.0.1:${port}/api/ws`, healthUrl, child };
}

export interface WsOnlyClient {
  api: TRPCClient<AppRouter>;
  close(): Promise<void>;
}

/**
 * A client that speaks only WebSocket, as a script talking to realtime servers would. `url` is
 * read at each (re)connect: a function of it picks another server after one is lost.
 */
export function wsClient(url: string | (() => string), token?: string): WsOnlyClient {
  const ws = createWSClient({
    url,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => (token ? { token } : {}),
  });
  return { api: createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] }), close: () => ws.close() };
}
