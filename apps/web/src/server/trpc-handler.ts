import { randomUUID } from "node:crypto";

import { RetryAfter, appRouter, createContext, logger } from "@chat/api";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

import { getServices } from "@chat/api/services";

/** Serves the tRPC router over HTTP at /api/trpc for any fetch-style runtime (Next.js route handlers, tests). */
export async function handleTrpcRequest(req: Request, clientAddress?: string): Promise<Response> {
  const requestId = req.headers.get("x-request-id") ?? randomUUID();
  const services = await getServices();
  const started = Date.now();
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) =>
      createContext({ ...services, headers: req.headers, responseHeaders: resHeaders, clientAddress, requestId }),
    responseMeta({ errors }) {
      const retryAfter = errors.map((error) => error.cause).find((cause) => cause instanceof RetryAfter);
      return retryAfter ? { headers: { "retry-after": String(retryAfter.seconds) } } : {};
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path, requestId }, "procedure failed");
    },
  });
  response.headers.set("x-request-id", requestId);
  logger.debug({ requestId, method: req.method, url: req.url, status: response.status, ms: Date.now() - started }, "trpc");
  return response;
}
