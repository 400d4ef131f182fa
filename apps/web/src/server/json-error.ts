import { toTRPCError } from "@chat/api";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import { retryAfterHeaders } from "./procedure-http";

/**
 * A refusal (a domain error, a database outage) as the REST API answers it: its status and
 * `{ code, message }`, and `Retry-After` when a rate limit refused it. Anything else is a fault
 * and is rethrown: Next.js logs it and answers 500.
 */
export function errorResponse(error: unknown): Response {
  const trpcError = toTRPCError(error);
  if (trpcError.code === "INTERNAL_SERVER_ERROR") throw error;
  return Response.json(
    { code: trpcError.code, message: trpcError.message },
    { status: getHTTPStatusCodeFromError(trpcError), headers: retryAfterHeaders([trpcError]) },
  );
}
