import { TRPCError } from "@trpc/server";

/**
 * The error vocabulary of the API. Handlers throw these; tRPC maps each code to its HTTP status
 * (400, 401, 403, 404, 409, 413, 429, 503) for every transport.
 */
export const fail = {
  badRequest: (message: string) => new TRPCError({ code: "BAD_REQUEST", message }),
  unauthorized: (message = "Sign in to continue") => new TRPCError({ code: "UNAUTHORIZED", message }),
  forbidden: (message = "Your role does not allow this") => new TRPCError({ code: "FORBIDDEN", message }),
  notFound: (what: string) => new TRPCError({ code: "NOT_FOUND", message: `${what} not found` }),
  /** No longer there, and the message says why: an expired or revoked invite, a kick, a ban (HTTP has 410; tRPC has not). */
  gone: (message: string) => new TRPCError({ code: "NOT_FOUND", message }),
  conflict: (message: string) => new TRPCError({ code: "CONFLICT", message }),
  /** A request body over its entry's cap, refused before it is read whole (the HTTP adapters). */
  payloadTooLarge: (maxBytes: number) =>
    new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Request bodies are limited to ${maxBytes} bytes` }),
  tooManyRequests: (retryAfterSeconds: number, message = `Too many requests, retry in ${retryAfterSeconds} s`) =>
    new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message,
      cause: new RetryAfter(retryAfterSeconds),
    }),
  /** The database cannot be reached: a 503 the client may retry, never a 500. */
  unavailable: (cause?: unknown) =>
    new TRPCError({ code: "SERVICE_UNAVAILABLE", message: "The service is briefly unavailable, retry shortly", cause }),
};

/** Carried as the cause of TOO_MANY_REQUESTS so that HTTP adapters can send a Retry-After header. */
export class RetryAfter extends Error {
  constructor(readonly seconds: number) {
    super(`retry after ${seconds} s`);
  }
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
