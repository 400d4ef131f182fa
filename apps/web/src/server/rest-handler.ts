import { REST_BASE_PATH, type RestErrorBody, appRouter, restErrorBody, toTRPCError } from "@chat/api";
import { fail } from "@chat/policy/errors";
import { logger } from "@chat/server-kit/logger";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createOpenApiFetchHandler } from "trpc-to-openapi";

import { bodyLimits } from "./body-limits";
import { readBoundedBody } from "./bounded-body";
import { createRequestContext } from "./context";
import { preflight, withCors } from "./cors";
import { logFailure, requestIdOf, retryAfterHeaders } from "./procedure-http";

/**
 * Serves the procedures that carry REST meta at /api/v1 (trpc-to-openapi), with the context,
 * rate limits and errors of the tRPC endpoint. Authentication is the bearer token only: the
 * session cookie is ignored here, so no other site can act with a browser's cookie.
 */
export async function handleRestRequest(req: Request): Promise<Response> {
  const requestId = requestIdOf(req);
  const started = Date.now();
  const response = withCors(req, req.method === "OPTIONS" ? preflight(req) : await callProcedure(req, requestId));
  response.headers.set("x-request-id", requestId);
  // The path only: a query string carries procedure input.
  logger.debug({ requestId, method: req.method, path: new URL(req.url).pathname, status: response.status, ms: Date.now() - started }, "rest");
  return response;
}

async function callProcedure(req: Request, requestId: string): Promise<Response> {
  const prepared = await withJsonBody(req);
  if (!prepared) {
    const error = toTRPCError(fail.payloadTooLarge(bodyLimits.rest));
    return errorResponse(getHTTPStatusCodeFromError(error), { code: error.code, message: error.message });
  }
  const headers = new Headers(req.headers);
  headers.delete("cookie");
  const response = await createOpenApiFetchHandler({
    endpoint: REST_BASE_PATH,
    req: prepared,
    router: appRouter,
    createContext: () =>
      createRequestContext({ headers, clientAddress: req.headers.get("x-real-ip") ?? undefined, requestId }),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError: ({ error, path }) => logFailure(error, path, requestId),
  });
  return response.ok ? response : withErrorShape(response);
}

/**
 * The request with its body read once and bounded; an empty body counts as `{}`, so that
 * `POST /auth/logout` needs no body, and a missing field is a 400 that names it. Null when too large.
 */
async function withJsonBody(req: Request): Promise<Request | null> {
  if (req.method === "GET" || req.method === "DELETE") return withPlainQuery(req);
  const body = await readBoundedBody(req, bodyLimits.rest);
  if (!body) return null;
  const text = new TextDecoder().decode(body);
  const empty = text.trim() === "";
  const headers = new Headers(req.headers);
  if (empty) headers.set("content-type", "application/json");
  return new Request(req.url, { method: req.method, headers, body: empty ? "{}" : text, signal: req.signal });
}

/**
 * The request without query parameters named like Object.prototype's members (`__proto__`,
 * `constructor`, `valueOf`...): no input has them, and trpc-to-openapi's query parser fails on
 * them with a 500. Other unknown parameters are ignored as well, by the input schemas.
 */
function withPlainQuery(req: Request): Request {
  const url = new URL(req.url);
  const hostile = [...url.searchParams.keys()].filter((key) => key in Object.prototype);
  if (hostile.length === 0) return req;
  for (const key of hostile) url.searchParams.delete(key);
  return new Request(url, req);
}

/** Every error body in the one documented shape (restErrorBody), whatever the adapter added. */
async function withErrorShape(response: Response): Promise<Response> {
  const parsed = restErrorBody.safeParse(await response.json().catch(() => null));
  const body: RestErrorBody = parsed.success ? parsed.data : { code: "INTERNAL_SERVER_ERROR", message: "Internal server error" };
  return errorResponse(response.status, body, response.headers);
}

function errorResponse(status: number, body: RestErrorBody, headers?: Headers): Response {
  return Response.json(body, { status, headers });
}
