import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export { createContext, createCallerFactory, type Context, type ContextOptions, type Services } from "./trpc";
export { createConnectionContexts, type ConnectionContexts, type LiveConnection } from "./connection";
export type { Log } from "./log";
export { createMemoryRateLimiter, rateRules, unlimited, type RateLimiter } from "./lib/rate-limit";
export { retryAfterOf, toTRPCError } from "./errors";
export { SESSION_COOKIE } from "./lib/session";
export { openApiDocument, REST_BASE_PATH } from "./openapi";
export { restErrorBody, type RestErrorBody } from "./lib/rest";
export type { ChannelEvent, CustomStatus, PresenceStatus, RemovalReason } from "./lib/signals";
export type { AccountEvent } from "./router/account";
export type { UserEvent } from "./lib/user-stream";
export type { PresenceUpdate } from "./lib/presence-stream";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
