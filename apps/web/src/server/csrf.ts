import type { IncomingMessage } from "node:http";

import { env } from "@chat/env";

import { isOwnOrigin } from "./cors";

/**
 * Cross-site request forgery defence for the cookie-authenticated endpoints: a POST, PUT or DELETE
 * (every tRPC mutation, login included; an avatar upload) that a page of another site made is refused, unless it carries a
 * bearer token, which no other site can have. Browsers name the page in Origin (or at least say
 * `Sec-Fetch-Site: cross-site`); other clients send neither and are not at risk.
 */
export function isCrossSiteMutation(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  if (/^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "cross-site";
  return !isOwnOrigin(origin, req) && !env.ALLOWED_ORIGINS.includes(origin);
}

/**
 * A form POST to a page (a Server Action, /logout) that a page of another site made. Only the
 * app's own pages post forms (ALLOWED_ORIGINS are for the APIs), so server.ts refuses these with
 * 403 before Next.js sees them; Next.js would refuse a foreign Server Action too, but as a 500.
 */
export function isCrossSiteFormPost(req: IncomingMessage): boolean {
  if (req.method !== "POST" || req.url?.startsWith("/api/")) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return req.headers["sec-fetch-site"] === "cross-site";
  return !URL.canParse(origin) || new URL(origin).host !== req.headers.host;
}
