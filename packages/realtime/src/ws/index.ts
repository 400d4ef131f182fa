export { createRealtimeServer, realtimeLimits, type RealtimeServer, type RealtimeServerOptions } from "./server";
export { isOriginAllowed } from "./origin";
