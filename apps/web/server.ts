/**
 * The one process of the embedded mode: migrates the database, then serves the Next.js app
 * (pages, route handlers for /api/trpc and /api/health) on PORT.
 */
import { createServer } from "node:http";

import { logger } from "@chat/api";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import next from "next";

const dev = env.NODE_ENV !== "production";
const started = Date.now();

const database = await getProcessDatabase();
await migrateDatabase(database);
logger.info({ database: database.kind, ms: Date.now() - started }, "database ready");

const app = next({ dev, dir: import.meta.dirname, port: env.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((req, res) => {
  // The address the socket saw, not one a client claims: rate limits key on it.
  req.headers["x-real-ip"] = req.socket.remoteAddress ?? "unknown";
  void handle(req, res);
});

server.listen(env.PORT, () => {
  logger.info({ port: env.PORT, dev, ms: Date.now() - started }, `Chat RTC listening on http://localhost:${env.PORT}`);
});

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close();
  await app.close();
  await closeProcessDatabase();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
