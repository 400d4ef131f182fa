import { env } from "@chat/env";
import { pino } from "pino";

/** Structured JSON logs; secrets, tokens and message bodies are never passed to it. */
export const logger = pino({
  level: env.NODE_ENV === "test" && env.LOG_LEVEL === "info" ? "silent" : env.LOG_LEVEL,
  base: { service: "chat-rtc" },
  redact: ["password", "token", "*.password", "*.token", "headers.authorization", "headers.cookie"],
});
