/**
 * The web process: migrates the database, then serves the Next.js app (pages, route handlers for
 * /api/trpc and /api/v1) and the WebSocket endpoint /api/ws on PORT. Route handlers and the
 * WebSocket server share the process's services (database, bus). /api/health and /api/ready are
 * answered here, so are bodies too large for Next.js to read, every request gets a log line, and
 * SIGTERM stops it gracefully (@chat/server-kit).
 */
import { createServer } from "node:http";

import { clientAddress, logger } from "@chat/api";
import { closeServices, getServices } from "@chat/api/services";
import { createWsServer } from "@chat/api/ws";
import { closeProcessDatabase, getProcessDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { env } from "@chat/env";
import { createProbes, createRequestLog, handleShutdown, standardChecks } from "@chat/server-kit";
import next from "next";

import { refuseUnboundedBody } from "./src/server/body-guard";
import { isCrossSiteFormPost } from "./src/server/csrf";
import { createSecurityHeaders, pathnameOf } from "./src/server/security-headers";

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
const probes = createProbes({ checks: standardChecks(database, env.REDIS_URL), logger });
const logRequest = createRequestLog(logger);

const securityHeaders = createSecurityHeaders({ dev, publicUrl: env.PUBLIC_URL });

const server = createServer((req, res) => {
  const path = pathnameOf(req.url);
  const headers = securityHeaders(path);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  // Next.js takes the nonce for its inline scripts from the request's policy: this one, never a client's.
  req.headers["content-security-policy"] = headers["content-security-policy"];
  // The address the socket (or a trusted proxy) saw, not one a client claims: rate limits key on it.
  req.headers["x-real-ip"] = clientAddress(req);
  logRequest(req, res, () => {
    if (probes.handle(req, res) || refuseUnboundedBody(req, res, path)) return;
    if (isCrossSiteFormPost(req)) res.writeHead(403, { "content-type": "text/plain" }).end("Cross-site form refused");
    else void handle(req, res);
  });
});

// Our WebSocket at /api/ws; every other upgrade (the dev server's hot reload) is Next's.
server.on("upgrade", (req, socket, head) => {
  const path = pathnameOf(req.url);
  if (path === WS_PATH) realtime.handleUpgrade(req, socket, head);
  else void handleNextUpgrade(req, socket, head);
});

server.listen(env.PORT, () => {
  logger.info(
    { port: env.PORT, dev, realtime: services.realtime.kind, ms: Date.now() - started },
    `Chat RTC listening on http://localhost:${env.PORT} (WebSocket ${WS_PATH})`,
  );
});

handleShutdown({
  server,
  logger,
  timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
  onStopping: probes.drain,
  // WebSocket clients are told to reconnect elsewhere and get half the bound to leave.
  drain: [() => realtime.close(env.SHUTDOWN_TIMEOUT_MS / 2)],
  close: [() => app.close(), closeServices, probes.close, closeProcessDatabase],
});
