import { REVOKED_CLOSE_CODE, TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_RETRY_MS } from "@chat/policy/close-codes";
import { fail } from "@chat/policy/errors";
import { type Realtime, createConnectionCap } from "@chat/realtime";

import { closeWhenSessionEnds } from "../account/session-revocation";
import type { Log } from "../core/log";
import { type Context, type Services, type SubscriptionWriter, createContext } from "../core/trpc";
import { toTRPCError } from "../errors";
import { createPresenceTracker } from "../presence/tracker";

/** A WebSocket connection as the transport (the process shell's WebSocket server) presents it. */
export interface LiveConnection {
  /** The upgrade request's headers, a `connectionParams` token as the bearer. */
  headers: Headers;
  clientAddress: string;
  /** Resolves once the socket has closed. */
  closed: Promise<void>;
  isOpen(): boolean;
  close(code: number, reason: string): void;
  /** The writer of the subscription being started on the socket, if the transport offers one. */
  takeSubscriptionWriter?(): SubscriptionWriter | null;
}

export interface ConnectionContexts {
  /** The context of a new connection, made once per connection; throws to refuse it. */
  createContext(connection: LiveConnection): Promise<Context>;
  /** Stops presence tracking, once the connections are closed. */
  close(): Promise<void>;
}

/**
 * The contexts of WebSocket connections. The caller comes from the token or the session cookie
 * of the upgrade. An authenticated connection past the user's cap (`maxPerUser` open on this
 * instance) is refused; else it counts toward the user's presence until it closes, and closes
 * when its session is revoked or expires.
 */
export function createConnectionContexts(
  services: Services & { realtime: Realtime; log: Log },
  options: { maxPerUser: number },
): ConnectionContexts {
  const presence = createPresenceTracker(services);
  const users = createConnectionCap(options.maxPerUser);
  return {
    async createContext(connection) {
      const ctx = await createContext({
        ...services,
        headers: connection.headers,
        clientAddress: connection.clientAddress,
        connection: { subscriptions: 0, takeSubscriptionWriter: () => connection.takeSubscriptionWriter?.() ?? null },
      });
      if (ctx.user && ctx.sessionId && connection.isOpen()) {
        const release = users.admit(String(ctx.user.id));
        if (!release) {
          // tRPC answers the throw below with an `id: null` error, which makes its clients back off
          // instead of reconnecting at once, then closes the socket on the next turn: this closes
          // it first, with a code that says why.
          setImmediate(() => connection.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, "Too many connections"));
          throw toTRPCError(fail.tooManyRequests(TOO_MANY_CONNECTIONS_RETRY_MS / 1000, "Too many connections: close another tab or device"));
        }
        const closed = connection.closed.then(release);
        presence.track(ctx.user.id, closed);
        const close = (reason: string) => connection.close(REVOKED_CLOSE_CODE, reason);
        // Not awaited: a connection opens while Redis is away, and is watched once it is back.
        closeWhenSessionEnds({ db: services.db, bus: services.realtime.bus, userId: ctx.user.id, sessionId: ctx.sessionId, close, closed })
          .catch((err: unknown) => services.log.warn({ err }, "watching a session for its end failed"));
      }
      return ctx;
    },
    close: () => presence.stop(),
  };
}
