import type { IncomingMessage } from "node:http";

/**
 * Cross-site WebSocket hijacking defence: browsers always send Origin on a WebSocket upgrade,
 * and cookies ride along, so a page on another site must not be able to open one. Requests
 * without Origin come from non-browser clients, which carry their own token.
 */
export function isOriginAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
