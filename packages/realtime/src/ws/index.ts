export { createRealtimeServer, realtimeLimits, type RealtimeServer, type RealtimeServerOptions } from "./server";
export { isOriginAllowed } from "./origin";
export type { ConnectionContextOptions, ConnectionErrorInfo } from "./trpc-connection";
export { SubscriptionSocket, takeSubscriptionWriter } from "./subscription-socket";
export type { SubscriptionWriter } from "../types";
