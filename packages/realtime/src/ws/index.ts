export { createRealtimeServer, realtimeLimits, type RealtimeServer, type RealtimeServerOptions } from "./server";
export { isOriginAllowed } from "./origin";
export { SubscriptionSocket, takeSubscriptionWriter, type SubscriptionWriter } from "./subscription-socket";
