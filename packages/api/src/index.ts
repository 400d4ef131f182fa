import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

import type { AppRouter } from "./root";

export { appRouter, type AppRouter } from "./root";
export { createContext, createCallerFactory, type Context, type ContextOptions } from "./core/trpc";
export { createMemoryRateLimiter, unlimited, type RateLimiter } from "./core/rate-limit";
export { RetryAfter, fail } from "./errors";
export { SESSION_COOKIE } from "./account/session-token";
export { clientAddress } from "./lib/client-address";
export { createLogger, logger } from "./lib/logger";
export { currentRequestScope, runInRequestScope, type RequestScope } from "./lib/request-scope";
export { isAllowed, permissions, type Action } from "./permissions";
export { openApiDocument, REST_BASE_PATH } from "./core/openapi";
export { restErrorBody, type RestErrorBody } from "./core/rest";
export type { ChannelEvent } from "./messages/events";
export type { CustomStatus, PresenceStatus } from "./presence/status";
export type { RemovalReason } from "./members/removal";
export type { AccountEvent } from "./account/account-events";
export type { UserEvent } from "./users/on-event";
export type { PresenceUpdate } from "./presence/stream";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
