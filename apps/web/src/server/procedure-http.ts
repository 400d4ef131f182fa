import { randomUUID } from "node:crypto";

import { retryAfterOf } from "@chat/api";
import { logger } from "@chat/server-kit/logger";
import type { TRPCError } from "@trpc/server";

/** What the tRPC and REST handlers do alike around a procedure call over HTTP. */

/** The caller's request id, or a fresh one; it is echoed in `x-request-id` and in the logs. */
export function requestIdOf(req: Request): string {
  return req.headers.get("x-request-id") ?? randomUUID();
}

/** `Retry-After` when a rate limit refused the call. */
export function retryAfterHeaders(errors: readonly TRPCError[]): Record<string, string> {
  const seconds = errors.map(retryAfterOf).find((retryAfter) => retryAfter !== undefined);
  return seconds === undefined ? {} : { "retry-after": String(seconds) };
}

/** Client mistakes are answered, not logged; anything else is a bug worth a stack trace. */
export function logFailure(error: TRPCError, path: string | undefined, requestId: string): void {
  if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path, requestId }, "procedure failed");
}
