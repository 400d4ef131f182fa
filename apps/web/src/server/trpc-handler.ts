import { appRouter, logger } from "@chat/api";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { createRequestContext } from "./context";
import { isCrossSiteMutation } from "./csrf";
import { logFailure, requestIdOf, retryAfterHeaders } from "./procedure-http";

/** Serves the tRPC router over HTTP at /api/trpc for any fetch-style runtime (Next.js route handlers, tests). */
export async function handleTrpcRequest(req: Request, clientAddress?: string): Promise<Response> {
  const requestId = requestIdOf(req);
  const started = Date.now();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => {
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
