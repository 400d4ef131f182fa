import { env } from "@chat/env";
import { type DestinationStream, type Logger, type LoggerOptions, pino } from "pino";
import pretty from "pino-pretty";

import { currentRequestScope } from "./request-scope";

/**
 * Where secrets could hide in a log object. Nothing passes them on purpose; this is the net under
 * mistakes (a request's headers, a procedure's input) that would otherwise write them out.
 */
const redactPaths = ["password", "token", "authorization", "cookie", "content", "input", "headers"].flatMap((name) => [
  name,
  `*.${name}`,
]);

/** Query parameters (passwords' hashes, message bodies) ride along in database errors' messages. */
const QUERY_PARAMS = /\nparams: [^\n]*/g;

function scrubError(value: unknown, depth = 0): unknown {
  if (!value || typeof value !== "object" || depth > 5) return value;
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  delete copy.params;
  delete copy.parameters;
  for (const field of ["message", "stack"]) {
    if (typeof copy[field] === "string") copy[field] = (copy[field] as string).replace(QUERY_PARAMS, "\nparams: [redacted]");
  }
  if (copy.cause) copy.cause = scrubError(copy.cause, depth + 1);
  return copy;
}

export interface LoggerSettings {
  level?: string;
  format?: "json" | "pretty";
}

/**
 * Structured logs: JSON lines with the request id and user id of the request being served, error
 * stacks without query parameters, and nothing secret (see redactPaths); pretty in development.
 */
export function createLogger(settings: LoggerSettings = {}, destination?: DestinationStream): Logger {
  const format = settings.format ?? env.LOG_FORMAT ?? (env.NODE_ENV === "development" ? "pretty" : "json");
  const options: LoggerOptions = {
    level: settings.level ?? (env.NODE_ENV === "test" && env.LOG_LEVEL === "info" ? "silent" : env.LOG_LEVEL),
    base: { service: "chat-rtc" },
    redact: { paths: redactPaths, censor: "[redacted]" },
    serializers: { err: (error: unknown) => scrubError(pino.stdSerializers.err(error as Error)) },
    // A fresh object each time: pino merges the log call's fields into it.
    mixin: () => ({ ...currentRequestScope() }),
  };
  const stream = destination ?? (format === "pretty" ? pretty({ sync: true, ignore: "pid,hostname,service" }) : undefined);
  return stream ? pino(options, stream) : pino(options);
}

/** The process's logger: what the servers and their route handlers log, and what they hand the API. */
export const logger = createLogger();
