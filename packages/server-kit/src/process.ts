import { once } from "node:events";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { Duplex } from "node:stream";

import { type DatabaseHandle, closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import type { AnyRouter } from "@trpc/server";

import { standardChecks } from "./checks";
import { logger } from "./logger";
import { type Probes, createProbes } from "./probes";
import { createRequestLog } from "./request-log";
import { type RateLimits, type Services, closeServices, startServices } from "./services";
import { type Step, handleShutdown } from "./shutdown";
import { type WsConnection, createWsServer } from "./ws";

/** The API's side of WebSocket connections: a context for each, and what to stop once they are gone. */
export interface ConnectionContexts {
  createContext(connection: WsConnection): Promise<object>;
  close(): Promise<void>;
}

export interface Shell {
  database: DatabaseHandle;
  services: Services;
  probes: Probes;
  /** Takes over an upgrade request for the API's WebSocket. */
  handleWsUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

/** What a process serves on top of the shell. */
export interface App {
  /** Answers an HTTP request, inside its request scope and log line. */
  request(req: IncomingMessage, res: ServerResponse): void;
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Run once no request is left, before the services close (e.g. Next.js). */
  close?: Step[];
}

export interface ServerProcessOptions<Rule extends string> {
  port: number;
  router: AnyRouter;
  rateLimits: RateLimits<Rule>;
  connections(services: Services): ConnectionContexts;
  /** Builds the app once the database is at this build's schema and the services are up. */
  start(shell: Shell): Promise<App> | App;
  /** The line logged once the process listens. */
  listening(port: number): string;
  /**
   * Whether HTTP requests run in a request scope, for the log lines of what they call (default
   * true). A process whose HTTP requests call nothing (apps/realtime: the probes) goes without: on
   * Node 20 the first scope turns on promise hooks for good, and every promise of the process, its
   * WebSocket connections' included, then carries two async ids (~80 B each).
   */
  requestScope?: boolean;
}

/**
 * The boot and shutdown every Chat RTC server process shares: migrate the database, open the
 * services and the API's WebSocket server, serve behind the probes and the request log, and stop
 * gracefully on SIGTERM: WebSocket clients are told to reconnect elsewhere and get half the bound
 * to leave, then the app, the services, the probes and the database close.
 */
export async function runServerProcess<Rule extends string>(options: ServerProcessOptions<Rule>): Promise<void> {
  const started = Date.now();
  const database = await getProcessDatabase();
  await migrateDatabase(database);
  logger.info({ database: database.kind, ms: Date.now() - started }, "database ready");
  const services = await startServices(options.rateLimits);
  const connections = options.connections(services);
  const ws = createWsServer({ router: options.router, createContext: connections.createContext, logger });
  const probes = createProbes({ checks: standardChecks(database, env.REDIS_URL), logger });
  const app = await options.start({ database, services, probes, handleWsUpgrade: (req, socket, head) => ws.handleUpgrade(req, socket, head) });
  const logRequest = createRequestLog(logger, { scope: options.requestScope });

  const server = createServer((req, res) => logRequest(req, res, () => app.request(req, res)));
  server.on("upgrade", app.upgrade);
  server.listen(options.port);
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  logger.info({ port, database: database.kind, realtime: services.realtime.kind, ms: Date.now() - started }, options.listening(port));

  handleShutdown({
    server,
    logger,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    onStopping: probes.drain,
    drain: [
      async () => {
        await ws.close(env.SHUTDOWN_TIMEOUT_MS / 2);
        await connections.close();
      },
    ],
    close: [...(app.close ?? []), closeServices, probes.close, closeProcessDatabase],
  });
}
