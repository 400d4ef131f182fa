import { TRPCError } from "@trpc/server";

/**
 * The error vocabulary of the API. Handlers throw these; tRPC maps each code to its HTTP status
 * (400, 401, 403, 404, 409, 429) for every transport.
 */
export const fail = {
  badRequest: (message: string) => new TRPCError({ code: "BAD_REQUEST", message }),
  unauthorized: (message = "Sign in to continue") => new TRPCError({ code: "UNAUTHORIZED", message }),
  forbidden: (message = "Your role does not allow this") => new TRPCError({ code: "FORBIDDEN", message }),
  notFound: (what: string) => new TRPCError({ code: "NOT_FOUND", message: `${what} not found` }),
  /** No longer there, and the message says why: an expired or revoked invite, a kick, a ban (HTTP has 410; tRPC has not). */
  gone: (message: string) => new TRPCError({ code: "NOT_FOUND", message }),
  conflict: (message: string) => new TRPCError({ code: "CONFLICT", message }),
  tooManyRequests: (retryAfterSeconds: number, message = `Too many requests, retry in ${retryAfterSeconds} s`) =>
    new TRPCError({
      code: "TOO_MANY_REQUESTS",
      message,
      cause: new RetryAfter(retryAfterSeconds),
    }),
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
