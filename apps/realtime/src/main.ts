/**
 * The standalone realtime server of the scaled mode: the app's router over WebSocket on WS_PORT,
 * with the same code as the web server's /api/ws. With DATABASE_URL and REDIS_URL set, any
 * number of these run beside any number of web instances. Plain HTTP requests get the probes
 * (/api/health, /api/ready) or 426; SIGTERM stops it gracefully (@chat/server-kit).
 */
import { appRouter, closeProcessSingletons, createConnectionContexts, createMemoryRateLimiter, processLinkPreviews, processPushDelivery, rateRules } from "@chat/api";
import { env } from "@chat/env";
import { logger, runServerProcess } from "@chat/server-kit";

if (!env.DATABASE_URL || !env.REDIS_URL) {
  logger.warn("DATABASE_URL or REDIS_URL is unset: this instance shares nothing with the others");
}

await runServerProcess({
  port: env.WS_PORT,
  router: appRouter,
  rateLimits: { rules: rateRules, createMemoryLimiter: createMemoryRateLimiter },
  // A message sent over the WebSocket notifies like one sent over HTTP.
  connections: (services) => createConnectionContexts({ ...services, push: processPushDelivery(services), linkPreviews: processLinkPreviews(services) }, { maxPerUser: env.WS_MAX_CONNECTIONS_PER_USER }),
  listening: (port) => `realtime listening on ws://localhost:${port}`,
  // Its HTTP requests are the probes, which call nothing that logs: no request scope (see requestScope).
  requestScope: false,
  start: ({ services, probes, handleWsUpgrade }) => ({
    request(req, res) {
      if (probes.handle(req, res)) return;
      res.writeHead(426, { "content-type": "application/json" }).end(JSON.stringify({ error: "Upgrade Required" }));
    },
    // WebSocket upgrades on any path: the proxy routes /api/ws here.
    upgrade: handleWsUpgrade,
    // Queued pushes and link previews finish while the database is still open.
    close: [() => closeProcessSingletons(services.db)],
  }),
});
