import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

import type { Logger } from "pino";

import { type RequestScope, runInRequestScope } from "./request-scope";

/** An id a proxy or client may pass on to correlate its logs with ours; anything else is replaced. */
const FORWARDED_ID = /^[\w.:-]{1,128}$/;
/** Requests that would drown the rest at info level: probes and the Next.js build's static files. */
const QUIET = /^\/(api\/(health|ready)$|_next\/|favicon\.ico$)/;

/**
 * Wraps an HTTP handler: gives the request an id (x-request-id, echoed in the response), runs it in
 * a request scope so every log line it causes carries the id and the caller (unless `scope` is
 * false), and logs one line when it ends: method, path without the query (queries can carry
 * input), status, duration, user.
 */
export function createRequestLog(logger: Logger, options: { scope?: boolean } = {}) {
  const { scope: scoped = true } = options;
  return function logRequest(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const forwarded = req.headers["x-request-id"];
    const requestId = typeof forwarded === "string" && FORWARDED_ID.test(forwarded) ? forwarded : randomUUID();
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const scope: RequestScope = { requestId };
    const started = performance.now();
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    logger.trace({ requestId, method: req.method, path }, "request started");
    res.once("close", () => {
      const fields = {
        requestId,
        userId: scope.userId,
        method: req.method,
        path,
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
        ...(res.writableFinished ? {} : { aborted: true }),
      };
      if (res.statusCode >= 500) logger.error(fields, "request failed");
      else if (QUIET.test(path)) logger.debug(fields, "request");
      else logger.info(fields, "request");
    });
    if (scoped) runInRequestScope(scope, next);
    else next();
  };
}
