import type { IncomingMessage } from "node:http";

import { env } from "@chat/env";

/**
 * The caller's network address, for per-address rate limits. Directly exposed, the socket's peer;
 * behind TRUSTED_PROXY_HOPS reverse proxies (Caddy in docker-compose.yml), the X-Forwarded-For
 * entry that the outermost of them added. Entries further left are the client's own claims and
 * never count: otherwise anyone could pick a fresh address per request and escape the limits.
 */
export function clientAddress(req: IncomingMessage, hops = env.TRUSTED_PROXY_HOPS): string {
  const peer = req.socket.remoteAddress ?? "unknown";
  if (hops === 0) return peer;
  const header = req.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return forwarded[forwarded.length - hops] ?? peer;
}
