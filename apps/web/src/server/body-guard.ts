import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

import { toTRPCError } from "@chat/api";
import { fail } from "@chat/policy/errors";

import { bodyLimits } from "./body-limits";
import { discardRest } from "./bounded-body";

/**
 * The route handlers that read their bodies themselves, within their own caps and error shapes:
 * bounded-body.ts, and uploads, which stream up to their declared size (upload-route.ts).
 */
const SELF_BOUNDED_PATHS = ["/api/trpc/", "/api/v1/", "/api/uploads/", "/api/avatars/", "/api/servers/"];

/**
 * The guard before Next.js for every other path (pages, and the Server Actions they post): a
 * Content-Length over `bodyLimits.pages` gets 413 and a body without one (chunked) 411, answered
 * before anything reads the body, whose rest is then dropped. `path` is the request's normalised
 * path (pathnameOf), so that "/api/v1/../login" is judged as the page it reaches. True when it answered.
 */
export function refuseUnboundedBody(req: IncomingMessage, res: ServerResponse, path: string): boolean {
  if (SELF_BOUNDED_PATHS.some((prefix) => path.startsWith(prefix))) return false;
  const refusal = refusalOf(req);
  if (!refusal) return false;
  res.writeHead(refusal.status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code: refusal.code, message: refusal.message }));
  void discardRest(Readable.toWeb(req).getReader());
  return true;
}

function refusalOf(req: IncomingMessage): { status: number; code: string; message: string } | null {
  if (Number(req.headers["content-length"]) > bodyLimits.pages) {
    const { code, message } = toTRPCError(fail.payloadTooLarge(bodyLimits.pages));
    return { status: 413, code, message };
  }
  if (req.headers["transfer-encoding"] !== undefined) {
    return { status: 411, code: "LENGTH_REQUIRED", message: "Request bodies here need a Content-Length" };
  }
  return null;
}
