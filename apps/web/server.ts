/**
 * The web process: migrates the database, then serves the Next.js app (pages, route handlers for
 * /api/trpc) on PORT, with /api/health and /api/ready answered here, one log line per request, and
 * a graceful stop on SIGTERM (see @chat/server-kit).
 */
import { createServer } from "node:http";

import { logger } from "@chat/api";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import { createProbes, createRequestLog, handleShutdown, standardChecks } from "@chat/server-kit";
import next from "next";

const dev = env.NODE_ENV !== "production";
const started = Date.now();

const database = await getProcessDatabase();
await migrateDatabase(database);
logger.info({ database: database.kind, ms: Date.now() - started }, "database ready");

const app = next({ dev, dir: import.meta.dirname, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();
const probes = createProbes({ checks: standardChecks(database, env.REDIS_URL), logger });
const logRequest = createRequestLog(logger);

const server = createServer((req, res) => {
  // The address the socket saw, not one a client claims: rate limits key on it.
  req.headers["x-real-ip"] = req.socket.remoteAddress ?? "unknown";
  logRequest(req, res, () => {
    if (!probes.handle(req, res)) void handle(req, res);
  });
});

server.listen(env.PORT, () => {
  logger.info({ port: env.PORT, dev, ms: Date.now() - started }, `Chat RTC listening on http://localhost:${env.PORT}`);
});

handleShutdown({
  server,
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  onStopping: probes.drain,
  close: [() => app.close(), probes.close, closeProcessDatabase],
});
