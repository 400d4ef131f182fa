export { createRealtimeServer, realtimeLimits, type RealtimeServer, type RealtimeServerOptions } from "./server";
export { createConnectionCap, type ConnectionCap } from "./connection-cap";
export { isOriginAllowed } from "./origin";
