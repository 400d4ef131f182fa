/**
 * The error vocabulary of the API, free of any transport: handlers and the permission table throw
 * these, and packages/api maps each code to a tRPC code and HTTP status in one place (its errors.ts).
 */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  /** No longer there, and the message says why: an expired or revoked invite, a kick, a ban. */
  | "GONE"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  /** The database cannot be reached: the client may retry. */
  | "UNAVAILABLE";

/** A refusal the API explains to its caller, as opposed to a fault (any other error). */
export class DomainError extends Error {
  override readonly name = "DomainError";
  /** For RATE_LIMITED: when to try again, sent as the Retry-After header. */
  readonly retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const fail = {
  badRequest: (message: string) => new DomainError("BAD_REQUEST", message),
  unauthorized: (message = "Sign in to continue") => new DomainError("UNAUTHORIZED", message),
  forbidden: (message = "Your role does not allow this") => new DomainError("FORBIDDEN", message),
  notFound: (what: string) => new DomainError("NOT_FOUND", `${what} not found`),
  gone: (message: string) => new DomainError("GONE", message),
  conflict: (message: string) => new DomainError("CONFLICT", message),
  /** A request body over its entry's cap, refused before it is read whole (the HTTP adapters). */
  payloadTooLarge: (maxBytes: number) => new DomainError("PAYLOAD_TOO_LARGE", `Request bodies are limited to ${maxBytes} bytes`),
  tooManyRequests: (retryAfterSeconds: number, message = `Too many requests, retry in ${retryAfterSeconds} s`) =>
    new DomainError("RATE_LIMITED", message, { retryAfterSeconds }),
  unavailable: (cause?: unknown) =>
    new DomainError("UNAVAILABLE", "The service is briefly unavailable, retry shortly", { cause }),
};
