/**
 * The one process of the embedded mode: migrates the database, then serves the Next.js app
 * (pages, route handlers for /api/trpc and /api/health) and the WebSocket endpoint /api/ws on
 * PORT. Route handlers and the WebSocket server share the process's services (database, bus).
 */
import { createServer } from "node:http";

import { logger } from "@chat/api";
import { closeServices, getServices } from "@chat/api/services";
import { createWsServer } from "@chat/api/ws";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import next from "next";

import { securityHeaders } from "./src/server/security-headers";

const WS_PATH = "/api/ws";
const dev = env.NODE_ENV !== "production";
const started = Date.now();

const database = await getProcessDatabase();
await migrateDatabase(database);
logger.info({ database: database.kind, ms: Date.now() - started }, "database ready");

const app = next({ dev, dir: import.meta.dirname, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const handleNextUpgrade = app.getUpgradeHandler();
const services = await getServices();
const realtime = createWsServer(services);

const headers = Object.entries(securityHeaders({ dev }));

const server = createServer((req, res) => {
  for (const [name, value] of headers) res.setHeader(name, value);
  // The address the socket saw, not one a client claims: rate limits key on it.
  req.headers["x-real-ip"] = req.socket.remoteAddress ?? "unknown";
  void handle(req, res);
});

// Our WebSocket at /api/ws; every other upgrade (the dev server's hot reload) is Next's.
server.on("upgrade", (req, socket, head) => {
  const path = new URL(req.url ?? "/", "http://localhost").pathname;
  if (path === WS_PATH) realtime.handleUpgrade(req, socket, head);
  else void handleNextUpgrade(req, socket, head);
});

server.listen(env.PORT, () => {
  logger.info(
    { port: env.PORT, dev, realtime: services.realtime.kind, ms: Date.now() - started },
    `Chat RTC listening on http://localhost:${env.PORT} (WebSocket ${WS_PATH})`,
  );
});

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close();
  await realtime.close(); // clients are told to reconnect, then given a few seconds to leave
  await app.close();
  await closeServices();
  await closeProcessDatabase();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
