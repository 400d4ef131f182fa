/**
 * The standalone realtime server of the scaled mode: the app's router over WebSocket on WS_PORT,
 * with the same code as the web server's /api/ws. With DATABASE_URL and REDIS_URL set, any
 * number of these run beside any number of web instances. Plain HTTP requests get the probes
 * (/api/health, /api/ready) or 426; SIGTERM stops it gracefully (@chat/server-kit).
 */
import { once } from "node:events";
import { createServer } from "node:http";

import { logger } from "@chat/api";
import { closeServices, getServices } from "@chat/api/services";
import { createWsServer } from "@chat/api/ws";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import { createProbes, createRequestLog, handleShutdown, standardChecks } from "@chat/server-kit";

const started = Date.now();
if (!env.DATABASE_URL || !env.REDIS_URL) {
  logger.warn("DATABASE_URL or REDIS_URL is unset: this instance shares nothing with the others");
}

const database = await getProcessDatabase();
await migrateDatabase(database);
const services = await getServices();
const realtime = createWsServer(services);
const probes = createProbes({ checks: standardChecks(database, env.REDIS_URL), logger });
const logRequest = createRequestLog(logger);

const server = createServer((req, res) =>
  logRequest(req, res, () => {
    if (probes.handle(req, res)) return;
    res.writeHead(426, { "content-type": "application/json" }).end(JSON.stringify({ error: "Upgrade Required" }));
  }),
);
// WebSocket upgrades on any path: the proxy routes /api/ws here.
server.on("upgrade", (req, socket, head) => realtime.handleUpgrade(req, socket, head));
server.listen(env.WS_PORT);
await once(server, "listening");
const address = server.address();
const port = typeof address === "object" && address ? address.port : env.WS_PORT;
logger.info({ port, database: database.kind, realtime: services.realtime.kind, ms: Date.now() - started }, `realtime listening on ws://localhost:${port}`);

handleShutdown({
  server,
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  onStopping: probes.drain,
  // Clients are told to reconnect elsewhere and get half the bound to leave.
  drain: [() => realtime.close(env.SHUTDOWN_TIMEOUT_MS / 2)],
  close: [closeServices, probes.close, closeProcessDatabase],
});
