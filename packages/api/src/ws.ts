import type { IncomingMessage } from "node:http";

import { env } from "@chat/env";
import { type RealtimeServer, createRealtimeServer } from "@chat/realtime/ws";
import type { CreateWSSContextFnOptions } from "@trpc/server/adapters/ws";

import { clientAddress } from "./lib/client-address";
import { logger } from "./lib/logger";
import { createPresenceTracker } from "./lib/presence-tracker";
import { closeOnRevocation } from "./lib/session-revocation";
import { appRouter } from "./root";
import type { Services } from "./services";
import { createContext } from "./trpc";

/** The close code of a connection whose session was revoked (4000–4999 are the application's). */
export const REVOKED_CLOSE_CODE = 4401;

export interface WsServerOptions {
  /** Browser origins allowed besides the server's own host; defaults to ALLOWED_ORIGINS. */
  allowedOrigins?: readonly string[];
}

/**
 * The app's router over WebSocket, for the web server's /api/ws and for apps/realtime alike.
 * The context is made once per connection: the caller comes from `connectionParams.token` or
 * the session cookie of the upgrade request, and an authenticated connection counts toward the
 * user's presence until it closes, and closes when its session is revoked.
 */
export function createWsServer(services: Services, options: WsServerOptions = {}): RealtimeServer {
  const presence = createPresenceTracker(services);
  const server = createRealtimeServer({
    router: appRouter,
    allowedOrigins: options.allowedOrigins ?? env.ALLOWED_ORIGINS,
    createContext: async ({ req, res, info }: CreateWSSContextFnOptions) => {
      const ctx = await createContext({
        ...services,
        headers: upgradeHeaders(req, info.connectionParams?.token),
        clientAddress: clientAddress(req),
        connection: { subscriptions: 0 },
      });
      if (ctx.user && ctx.sessionId && res.readyState === res.OPEN) {
        const closed = new Promise((resolve) => res.once("close", resolve));
        presence.track(ctx.user.id, closed);
        const close = () => res.close(REVOKED_CLOSE_CODE, "Session revoked");
        // Not awaited: a connection opens while Redis is away, and is watched once it is back.
        closeOnRevocation({ db: services.db, bus: services.realtime.bus, userId: ctx.user.id, sessionId: ctx.sessionId, close, closed })
          .catch((err: unknown) => logger.warn({ err }, "watching a session for revocation failed"));
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
