import type { IncomingMessage } from "node:http";

import { env } from "@chat/env";
import { type RealtimeServer, createConnectionCap, createRealtimeServer } from "@chat/realtime/ws";
import type { CreateWSSContextFnOptions } from "@trpc/server/adapters/ws";

import { closeWhenSessionEnds } from "./account/session-revocation";
import { REVOKED_CLOSE_CODE, TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_RETRY_MS } from "./close-codes";
import { createContext } from "./core/trpc";
import { fail } from "./errors";
import { clientAddress } from "./lib/client-address";
import { logger } from "./lib/logger";
import { createPresenceTracker } from "./presence/tracker";
import { appRouter } from "./root";
import type { Services } from "./services";

export { REVOKED_CLOSE_CODE, TOO_MANY_CONNECTIONS_CLOSE_CODE };

export interface WsServerOptions {
  /** Browser origins allowed besides the server's own host; defaults to ALLOWED_ORIGINS. */
  allowedOrigins?: readonly string[];
  /** Open connections per user and per client address; default WS_MAX_CONNECTIONS_PER_USER and …_PER_ADDRESS. */
  maxConnections?: { perUser?: number; perAddress?: number };
}

/**
 * The app's router over WebSocket, for the web server's /api/ws and for apps/realtime alike.
 * The context is made once per connection: the caller comes from `connectionParams.token` or
 * the session cookie of the upgrade request. An authenticated connection past the user's cap is
 * refused; else it counts toward the user's presence until it closes, and closes when its
 * session is revoked or expires. Both caps count this instance's connections.
 */
export function createWsServer(services: Services, options: WsServerOptions = {}): RealtimeServer {
  const presence = createPresenceTracker(services);
  const users = createConnectionCap(options.maxConnections?.perUser ?? env.WS_MAX_CONNECTIONS_PER_USER);
  const server = createRealtimeServer({
    router: appRouter,
    allowedOrigins: options.allowedOrigins ?? env.ALLOWED_ORIGINS,
    perAddress: { max: options.maxConnections?.perAddress ?? env.WS_MAX_CONNECTIONS_PER_ADDRESS, addressOf: clientAddress },
    createContext: async ({ req, res, info }: CreateWSSContextFnOptions) => {
      const ctx = await createContext({
        ...services,
        headers: upgradeHeaders(req, info.connectionParams?.token),
        clientAddress: clientAddress(req),
        connection: { subscriptions: 0 },
      });
      if (ctx.user && ctx.sessionId && res.readyState === res.OPEN) {
        const release = users.admit(String(ctx.user.id));
        if (!release) {
          // tRPC answers the throw below with an `id: null` error, which makes its clients back off
          // instead of reconnecting at once, then closes the socket on the next turn: this closes
          // it first, with a code that says why.
          setImmediate(() => res.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, "Too many connections"));
          throw fail.tooManyRequests(TOO_MANY_CONNECTIONS_RETRY_MS / 1000, "Too many connections: close another tab or device");
        }
        const closed = new Promise((resolve) => res.once("close", resolve)).then(release);
        presence.track(ctx.user.id, closed);
        const close = (reason: string) => res.close(REVOKED_CLOSE_CODE, reason);
        // Not awaited: a connection opens while Redis is away, and is watched once it is back.
        closeWhenSessionEnds({ db: services.db, bus: services.realtime.bus, userId: ctx.user.id, sessionId: ctx.sessionId, close, closed })
          .catch((err: unknown) => logger.warn({ err }, "watching a session for its end failed"));
      }
      return ctx;
    },
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "ws procedure failed");
    },
  });
  return {
    ...server,
    async close(drainMs) {
      await server.close(drainMs);
      await presence.stop();
    },
  };
}

/** The upgrade request's headers as a fetch `Headers`, with a `connectionParams` token as the bearer. */
function upgradeHeaders(req: IncomingMessage, token: string | undefined): Headers {
  const headers = new Headers();
  for (const name of ["cookie", "user-agent", "authorization"]) {
    const value = req.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  if (token) headers.set("authorization", `Bearer ${token}`);
  return headers;
}
