import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Database } from "@chat/db";
import { env } from "@chat/env";
import { createRealtime, type Realtime } from "@chat/realtime";
import type { RealtimeServer } from "@chat/realtime/ws";
import { createWsServer, logger } from "@chat/server-kit";
import { createHTTPHandler } from "@trpc/server/adapters/standalone";
import { afterAll, beforeAll } from "vitest";
import { WebSocket } from "ws";

import { appRouter, createConnectionContexts, createContext, type RateLimiter, unlimited } from "../src";
import { type ChatClient, createChatClient } from "../src/client";
import { silentLog } from "../src/core/log";
import { authKey, createHarness, type Harness } from "./harness";

/**
 * One instance of the app as a test sees it: HTTP at /api/trpc and WebSocket at /api/ws on one
 * free port, over the given database and realtime state, the same way the web server serves them.
 */
export interface Instance {
  services: InstanceServices;
  ws: RealtimeServer;
  http: Server;
  port: number;
  httpUrl: string;
  wsUrl: string;
  /** A typed client of this instance acting with `token` (or anonymously). */
  client(token?: string): ChatClient;
  close(): Promise<void>;
}

export interface InstanceOptions {
  db: Database;
  realtime?: Realtime;
  rateLimiter?: RateLimiter;
  /** Browser origins allowed besides the server's own host; defaults to ALLOWED_ORIGINS. */
  allowedOrigins?: readonly string[];
  /** Open connections per user and per client address; default WS_MAX_CONNECTIONS_PER_USER and …_PER_ADDRESS. */
  maxConnections?: { perUser?: number; perAddress?: number };
}

type InstanceServices = Parameters<typeof createConnectionContexts>[0];

export async function startInstance(options: InstanceOptions): Promise<Instance> {
  const services: InstanceServices = {
    db: options.db,
    authKey,
    rateLimiter: options.rateLimiter ?? unlimited,
    realtime: options.realtime ?? createRealtime(),
    secureCookies: false,
    log: silentLog,
  };
  const connections = createConnectionContexts(services, { maxPerUser: options.maxConnections?.perUser ?? env.WS_MAX_CONNECTIONS_PER_USER });
  const ws = createWsServer({
    router: appRouter,
    createContext: connections.createContext,
    logger,
    allowedOrigins: options.allowedOrigins,
    maxConnectionsPerAddress: options.maxConnections?.perAddress,
  });
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: "/api/trpc/",
    createContext: ({ req }) =>
      createContext({ ...services, headers: toHeaders(req.headers), clientAddress: req.socket.remoteAddress }),
  });
  const http = createServer((req, res) => void handler(req, res));
  // Clients share this process: under load its timers run late, and a socket the server idles
  // out at the default 5 s can race a client that is about to reuse it.
  http.keepAliveTimeout = 60_000;
  http.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/api/ws")) ws.handleUpgrade(req, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const port = (http.address() as AddressInfo).port;
  const httpUrl = `http://127.0.0.1:${port}/api/trpc`;
  const wsUrl = `ws://127.0.0.1:${port}/api/ws`;
  const clients: ChatClient[] = [];
  return {
    services,
    ws,
    http,
    port,
    httpUrl,
    wsUrl,
    client(token) {
      const client = createChatClient({
        httpUrl,
        wsUrl,
        token: () => token,
        WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((client) => client.close()));
      await ws.close(0);
      await connections.close();
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/**
 * The setup most live tests share: a harness (a fresh database and realtime state) and one
 * instance serving it, started before the file's first test and closed after its last. Read
 * `live.h` and `live.instance` inside tests and hooks (they are set once `beforeAll` ran).
 */
export function useLiveInstance(options: Omit<InstanceOptions, "db" | "realtime"> = {}) {
  const live = {} as { h: Harness; instance: Instance };
  beforeAll(async () => {
    live.h = await createHarness();
    live.instance = await startInstance({ db: live.h.handle.db, realtime: live.h.realtime, ...options });
  });
  afterAll(async () => {
    await live.instance?.close();
    await live.h?.close();
  });
  return live;
}

function toHeaders(incoming: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

/** Collects a subscription's data and errors, with a way to wait for a condition on them. */
export function collector<T>() {
  const items: T[] = [];
  const errors: unknown[] = [];
  let ended = false;
  const waiter = conditionWaiter();
  const notify = waiter.notify;
  return {
    items,
    errors,
    get ended() {
      return ended;
    },
    onData: (item: T) => {
      items.push(item);
      notify();
    },
    onError: (error: unknown) => {
      errors.push(error);
      ended = true;
      notify();
    },
    onComplete: () => {
      ended = true;
      notify();
    },
    until: waiter.until,
  };
}

/**
 * Waits for conditions on state that changes by events: `notify()` after each change, and
 * `until(condition)` resolves once the condition holds (the test's timeout bounds the wait).
 */
export function conditionWaiter() {
  const waiters = new Set<() => void>();
  return {
    notify: () => waiters.forEach((wake) => wake()),
    until(condition: () => boolean): Promise<void> {
      if (condition()) return Promise.resolve();
      return new Promise((resolve) => {
        const check = () => {
          if (!condition()) return;
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
  };
}

/** Resolves once `condition` holds, polling: for state outside a subscription. */
export async function eventually(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
}
