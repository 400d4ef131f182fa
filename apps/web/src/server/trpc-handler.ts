import { appRouter, toTRPCError } from "@chat/api";
import { fail } from "@chat/policy/errors";
import { logger } from "@chat/server-kit/logger";
import { limits } from "@chat/validators/limits";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { bodyLimits } from "./body-limits";
import { boundedRequest } from "./bounded-body";
import { createRequestContext } from "./context";
import { isCrossSiteMutation } from "./csrf";
import { logFailure, requestIdOf, retryAfterHeaders } from "./procedure-http";

/**
 * Serves the tRPC router over HTTP at /api/trpc for any fetch-style runtime (Next.js route
 * handlers, tests). Batches hold at most `limits.batchCalls` calls (a larger one is a 400 before
 * any runs), and bodies at most `bodyLimits.trpc` bytes (413 for every call, before any is parsed).
 */
export async function handleTrpcRequest(req: Request, clientAddress?: string): Promise<Response> {
  const requestId = requestIdOf(req);
  const started = Date.now();
  const bounded = await boundedRequest(req, bodyLimits.trpc);
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    // Too large: the calls fail in createContext, before any asks for its input.
    req: bounded ?? new Request(req.url, { method: req.method, headers: req.headers, signal: req.signal }),
    router: appRouter,
    maxBatchSize: limits.batchCalls.max,
    createContext: ({ resHeaders }) => {
      if (!bounded) throw toTRPCError(fail.payloadTooLarge(bodyLimits.trpc));
      if (isCrossSiteMutation(req)) throw new TRPCError({ code: "FORBIDDEN", message: "Cross-site request refused" });
      return createRequestContext({ headers: req.headers, responseHeaders: resHeaders, clientAddress, requestId });
    },
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors) }),
    onError: ({ error, path }) => logFailure(error, path, requestId),
  });
  response.headers.set("x-request-id", requestId);
  // The path only: a query string carries procedure input.
  logger.debug({ requestId, method: req.method, path: new URL(req.url).pathname, status: response.status, ms: Date.now() - started }, "trpc");
  return response;
}
