import { env } from "@chat/env";

import { isOwnOrigin } from "./cors";

/**
 * Cross-site request forgery defence for the cookie-authenticated tRPC endpoint: a POST (every
 * mutation, login included) that a page of another site made is refused, unless it carries a
 * bearer token, which no other site can have. Browsers name the page in Origin (or at least say
 * `Sec-Fetch-Site: cross-site`); other clients send neither and are not at risk.
 */
export function isCrossSiteMutation(req: Request): boolean {
  if (req.method !== "POST") return false;
  if (/^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return false;
  const origin = req.headers.get("origin");
  if (origin === null) return req.headers.get("sec-fetch-site") === "cross-site";
  return !isOwnOrigin(origin, req) && !env.ALLOWED_ORIGINS.includes(origin);
}
