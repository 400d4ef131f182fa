/**
 * The standalone realtime server of the scaled mode: the app's router over WebSocket on WS_PORT,
 * with the same code as the web server's /api/ws. With DATABASE_URL and REDIS_URL set, any
 * number of these run beside any number of web instances.
 */
import { logger } from "@chat/api";
import { closeServices, getServices } from "@chat/api/services";
import { createWsServer } from "@chat/api/ws";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import { listenRealtime } from "@chat/realtime/ws";

const started = Date.now();
if (!env.DATABASE_URL || !env.REDIS_URL) {
  logger.warn("DATABASE_URL or REDIS_URL is unset: this instance shares nothing with the others");
}

const database = await getProcessDatabase();
await migrateDatabase(database);
const services = await getServices();
const realtime = createWsServer(services);
const server = await listenRealtime(realtime, env.WS_PORT);
const address = server.address();
const port = typeof address === "object" && address ? address.port : env.WS_PORT;
logger.info({ port, database: database.kind, realtime: services.realtime.kind, ms: Date.now() - started }, `realtime listening on ws://localhost:${port}`);

async function shutdown(signal: string) {
  logger.info({ signal }, "shutting down");
  server.close();
  await realtime.close();
  await closeServices();
  await closeProcessDatabase();
  process.exit(0);
}
process.once("SIGTERM", () => void shutdown("SIGTERM"));
process.once("SIGINT", () => void shutdown("SIGINT"));
