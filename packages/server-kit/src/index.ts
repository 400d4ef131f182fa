export { createProbes, type CheckState, type Probes, type Readiness, type ReadinessCheck } from "./probes";
export { databaseCheck, migrationsCheck, redisCheck, standardChecks } from "./checks";
export { handleShutdown, type GracefulShutdown, type ShutdownOptions, type Step } from "./shutdown";
export { createRequestLog } from "./request-log";
