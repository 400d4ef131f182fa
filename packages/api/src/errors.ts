import { DomainError, type ErrorCode, fail } from "@chat/policy/errors";
import { TRPCError, getTRPCErrorFromUnknown } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";

/** The tRPC code of each domain error, which sets its HTTP status on every transport. */
const trpcCodes: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  BAD_REQUEST: "BAD_REQUEST",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  // HTTP has 410; tRPC has not.
  GONE: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/**
 * What the caller is told of an error, as tRPC says it: a domain error (@chat/policy/errors), thrown
 * as is or wrapped by tRPC as an internal error, becomes its tRPC code with its message, and stays
 * the cause (where HTTP adapters find its Retry-After); a database outage is a 503 the client may
 * retry, never a 500; anything else is left as tRPC has it.
 */
export function toTRPCError(error: unknown): TRPCError {
  const trpcError = getTRPCErrorFromUnknown(error);
  if (trpcError.code !== "INTERNAL_SERVER_ERROR") return trpcError;
  const thrown = trpcError.cause;
  if (thrown instanceof DomainError) return new TRPCError({ code: trpcCodes[thrown.code], message: thrown.message, cause: thrown });
  if (isDatabaseUnavailable(thrown)) return toTRPCError(fail.unavailable(thrown));
  return trpcError;
}

/** The seconds a refused caller should wait, when a rate limit refused it. */
export function retryAfterOf(error: TRPCError): number | undefined {
  return error.cause instanceof DomainError ? error.cause.retryAfterSeconds : undefined;
}

/** True for a PostgreSQL unique violation (23505), whether the driver error is wrapped by Drizzle or not. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code, constraint_name, constraint: name } = current as Error & Record<string, unknown>;
    if (code === "23505") return !constraint || constraint === (constraint_name ?? name);
  }
  return false;
}

/** Node's socket errors and postgres-js's own codes for a connection that failed or was lost. */
const connectionErrorCodes = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EHOSTUNREACH", "EAI_AGAIN",
  "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT",
]);

/**
 * True when an error means the database cannot be reached right now, not that the query is wrong:
 * a refused or lost connection, or PostgreSQL shutting down, starting up or out of connections
 * (SQLSTATE classes 08 and 57P, and 53300). Looks through Drizzle's wrapping.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const { code } = current as Error & { code?: unknown };
    if (typeof code !== "string") continue;
    if (connectionErrorCodes.has(code) || code.startsWith("08") || code.startsWith("57P") || code === "53300") return true;
  }
  return false;
}
