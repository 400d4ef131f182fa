/**
 * The web process: serves the Next.js app (pages, route handlers for /api/trpc and /api/v1) and
 * the WebSocket endpoint /api/ws on PORT, in the process shell of @chat/server-kit (migrations,
 * the services route handlers and WebSocket share, probes, request logs, graceful shutdown).
 * Bodies too large for Next.js to read are refused here, before it sees them.
 */
import {
  appRouter,
  closeProcessSingletons,
  createConnectionContexts,
  createMemoryRateLimiter,
  processLinkPreviews,
  processPushDelivery,
  rateRules,
  startAttachmentSweep,
} from "@chat/api";
import { env } from "@chat/env";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { clientAddress, runServerProcess } from "@chat/server-kit";
import next from "next";

import { refuseUnboundedBody } from "./src/server/body-guard";
import { isCrossSiteFormPost } from "./src/server/csrf";
import { createSecurityHeaders, pathnameOf } from "./src/server/security-headers";
import { createStaticAssets } from "./src/server/static-assets";

const WS_PATH = "/api/ws";
const API_PREFIX = "/api/";
const dev = env.NODE_ENV !== "production";
const keepHeadersForTheBody = () => undefined;

/** The object store's origin that browsers reach (uploads, redirected downloads), when files go to S3. */
function storageOrigin(): string | undefined {
  const endpoint = env.S3_BUCKET ? (env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT) : undefined;
  return endpoint ? new URL(endpoint).origin : undefined;
}

await runServerProcess({
  port: env.PORT,
  router: appRouter,
  rateLimits: { rules: rateRules, createMemoryLimiter: createMemoryRateLimiter },
  // Sends over the WebSocket notify too (the web app sends over HTTP; other tRPC clients may not).
  connections: (services) => createConnectionContexts({ ...services, push: processPushDelivery(services), linkPreviews: processLinkPreviews(services) }, { maxPerUser: env.WS_MAX_CONNECTIONS_PER_USER }),
  listening: (port) => `Chat RTC listening on http://localhost:${port} (WebSocket ${WS_PATH})`,
  async start({ services, probes, handleWsUpgrade }) {
    // This file's folder, also from the compiled dist/server.js (whose bundler keeps import.meta.url's meaning).
    const dir = fileURLToPath(new URL(".", import.meta.url));
    const app = next({ dev, dir, port: env.PORT });
    await app.prepare();
    const handle = app.getRequestHandler();
    const handleNextUpgrade = app.getUpgradeHandler();
    // The development server builds its files on demand and serves them itself.
    const staticAssets = dev ? null : createStaticAssets(path.join(dir, ".next/static"));
    const securityHeaders = createSecurityHeaders({ dev, publicUrl: env.PUBLIC_URL, storageOrigin: storageOrigin() });
    // Uploads never sent are removed here, by the web processes (the realtime ones serve no uploads).
    const sweep = startAttachmentSweep({ db: services.db, storage: services.storage, log: services.log });
    return {
      request(req, res) {
        const path = pathnameOf(req.url);
        const headers = securityHeaders(path);
        for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
        // Next.js takes the nonce for its inline scripts from the request's policy: this one, never a client's.
        req.headers["content-security-policy"] = headers["content-security-policy"];
        // The address the socket (or a trusted proxy) saw, not one a client claims: rate limits key on it.
        req.headers["x-real-ip"] = clientAddress(req);
        if (probes.handle(req, res) || refuseUnboundedBody(req, res, path)) return;
        // API answers go out uncompressed: gzipping JSON in the event loop cost more than the bytes it
        // saved (~2 ms of an auth.me's 4 ms, bench request); the reverse proxy compresses (deploy/Caddyfile).
        if (path.startsWith(API_PREFIX)) delete req.headers["accept-encoding"];
        // Next.js flushes the headers in a write of their own right before it writes the body's first chunk:
        // a system call and a TCP segment more per answer. Left to Node, they go out with that chunk.
        res.flushHeaders = keepHeadersForTheBody;
        if (isCrossSiteFormPost(req)) res.writeHead(403, { "content-type": "text/plain" }).end("Cross-site form refused");
        else if (staticAssets) staticAssets(req, res, () => void handle(req, res));
        else void handle(req, res);
      },
      // Our WebSocket at /api/ws; every other upgrade (the dev server's hot reload) is Next's.
      upgrade(req, socket, head) {
        if (pathnameOf(req.url) === WS_PATH) handleWsUpgrade(req, socket, head);
        else void handleNextUpgrade(req, socket, head);
      },
      // Queued pushes and link previews finish while the database is still open.
      close: [async () => sweep.stop(), () => app.close(), () => closeProcessSingletons(services.db)],
    };
  },
});
