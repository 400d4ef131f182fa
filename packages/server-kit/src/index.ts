/**
 * The process shell, whole: what apps/web/server.ts and apps/realtime boot with. Code that Next.js bundles (route
 * handlers, server components) imports the subpaths `@chat/server-kit/services` and `/logger` instead: this entry
 * also pulls in the migrator, whose migrations folder a bundle cannot resolve.
 */
export { createProbes, type CheckState, type Probes, type Readiness, type ReadinessCheck } from "./probes";
export { databaseCheck, migrationsCheck, redisCheck, standardChecks } from "./checks";
export { handleShutdown, type GracefulShutdown, type ShutdownOptions, type Step } from "./shutdown";
export { createRequestLog } from "./request-log";
export { createLogger, logger, type LoggerSettings } from "./logger";
export { currentRequestScope, identifyRequestUser, runInRequestScope, type RequestScope } from "./request-scope";
export { clientAddress } from "./client-address";
export { createRedisRateLimiter, type RateLimiter, type RateRule, type RedisLimiterOptions } from "./rate-limit-redis";
export { closeServices, getServices, startServices, type RateLimits, type Services } from "./services";
export { createWsServer, type WsConnection, type WsServerOptions } from "./ws";
export { runServerProcess, type App, type ConnectionContexts, type ServerProcessOptions, type Shell } from "./process";
