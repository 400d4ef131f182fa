import { randomUUID } from "node:crypto";

import { REVOKED_CLOSE_CODE, TOO_MANY_CONNECTIONS_CLOSE_CODE, TOO_MANY_CONNECTIONS_RETRY_MS } from "@chat/policy/close-codes";
import { fail } from "@chat/policy/errors";
import { type Realtime, type SubscriptionWriter, createConnectionCap } from "@chat/realtime";

import { type WatchedConnection, createSessionWatch } from "../account/session-revocation";
import type { Log } from "../core/log";
import { type ConnectionState, type Context, type Services, createContext } from "../core/trpc";
import { toTRPCError } from "../errors";
import { createPresenceTracker } from "../presence/tracker";

/** A WebSocket connection as the transport (the process shell's WebSocket server) presents it. */
export interface LiveConnection {
  /** The upgrade request's headers, a `connectionParams` token as the bearer: for making the context, not for keeping. */
  headers: Headers;
  clientAddress: string;
  /** The socket, which the context may keep. */
  socket: LiveSocket;
}

export interface LiveSocket {
  /** Calls `listener` once the socket has closed, at once if it already has. */
  onClose(listener: () => void): void;
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

/** A connection as procedures see it: the socket alone (a closure here kept the upgrade's headers for the connection's life). */
class ConnectionOfSocket implements ConnectionState {
  subscriptions = 0;

  constructor(private readonly socket: LiveSocket) {}

  takeSubscriptionWriter() {
    return this.socket.takeSubscriptionWriter?.() ?? null;
  }
}

/** A signed-in connection, as its session watch and its close handler hold it. */
class SignedInConnection implements WatchedConnection {
  constructor(
    readonly userId: bigint,
    readonly sessionId: bigint,
    private readonly socket: LiveSocket,
  ) {}

  close(reason: string) {
    this.socket.close(REVOKED_CLOSE_CODE, reason);
  }
}

/**
 * The contexts of WebSocket connections. The caller comes from the token or the session cookie
 * of the upgrade. An authenticated connection past the user's cap (`maxPerUser` open on this
 * instance) is refused; else it counts toward the user's presence until it closes, and closes
 * when its session is revoked or expires. What a connection holds here is one object and one
 * close listener: the watches are per user and per instance.
 */
export function createConnectionContexts(
  services: Services & { realtime: Realtime; log: Log },
  options: { maxPerUser: number },
): ConnectionContexts {
  const presence = createPresenceTracker(services);
  const sessions = createSessionWatch({ db: services.db, bus: services.realtime.bus, log: services.log });
  const users = createConnectionCap(options.maxPerUser);
  // Connections' request ids: this instance's tag and a count, unique without a UUID per connection.
  const instance = randomUUID().slice(0, 8);
  let opened = 0;
  return {
    async createContext(connection) {
      const ctx = await createContext({
        ...services,
        headers: connection.headers,
        clientAddress: connection.clientAddress,
        connection: new ConnectionOfSocket(connection.socket),
        // Two string pieces, where a random UUID is a tree of a dozen.
        requestId: `${instance}-${(opened += 1)}`,
      });
      // The context lives as long as the connection: it keeps the one header procedures read (the
      // user agent of new sessions), not the token and the cookies, read once above.
      ctx.headers = userAgentOf(connection.headers);
      const { socket } = connection;
      if (ctx.user && ctx.sessionId && socket.isOpen()) {
        const release = users.admit(String(ctx.user.id));
        if (!release) {
          // tRPC answers the throw below with an `id: null` error, which makes its clients back off
          // instead of reconnecting at once, then closes the socket on the next turn: this closes
          // it first, with a code that says why.
          setImmediate(() => socket.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, "Too many connections"));
          throw toTRPCError(fail.tooManyRequests(TOO_MANY_CONNECTIONS_RETRY_MS / 1000, "Too many connections: close another tab or device"));
        }
        const signedIn = new SignedInConnection(ctx.user.id, ctx.sessionId, socket);
        presence.track(signedIn.userId);
        sessions.watch(signedIn);
        socket.onClose(() => {
          release();
          presence.untrack(signedIn.userId);
          sessions.unwatch(signedIn);
        });
      }
      return ctx;
    },
    close: () => presence.stop(),
  };
}

function userAgentOf(headers: Headers): Headers {
  const userAgent = headers.get("user-agent");
  return new Headers(userAgent === null ? undefined : { "user-agent": userAgent });
}
