import type { IncomingMessage } from "node:http";

import { env } from "@chat/env";
import {
  type ConnectionContextOptions,
  type RealtimeServer,
  type SubscriptionWriter,
  createRealtimeServer,
  takeSubscriptionWriter,
} from "@chat/realtime/ws";
import type { AnyRouter } from "@trpc/server";
import type { Logger } from "pino";

import { clientAddress } from "./client-address";

/** A WebSocket connection as the API's context factory sees it. */
export interface WsConnection {
  /** The upgrade request's headers, with a `connectionParams` token as the bearer: for making the context, not for keeping. */
  headers: Headers;
  clientAddress: string;
  /** The socket, which the context may keep. */
  socket: WsSocket;
}

export interface WsSocket {
  /** Calls `listener` once the socket has closed, at once if it already has. */
  onClose(listener: () => void): void;
  /** Whether the socket is still open (it may close while its context is being made). */
  isOpen(): boolean;
  close(code: number, reason: string): void;
  /** The writer of the subscription being started on the socket (see `SubscriptionSocket`), or null. */
  takeSubscriptionWriter(): SubscriptionWriter | null;
}

export interface WsServerOptions {
  router: AnyRouter;
  /** The context of a new connection, made once per connection; a throw refuses it with that error. */
  createContext(connection: WsConnection): Promise<object>;
  logger: Logger;
  /** Browser origins allowed besides the server's own host; defaults to ALLOWED_ORIGINS. */
  allowedOrigins?: readonly string[];
  /** Open connections per client address on this instance; defaults to WS_MAX_CONNECTIONS_PER_ADDRESS. */
  maxConnectionsPerAddress?: number;
}

/** The API's router over WebSocket, for the web server's /api/ws and for apps/realtime alike. */
export function createWsServer(options: WsServerOptions): RealtimeServer {
  const { logger } = options;
  return createRealtimeServer({
    router: options.router,
    allowedOrigins: options.allowedOrigins ?? env.ALLOWED_ORIGINS,
    perAddress: { max: options.maxConnectionsPerAddress ?? env.WS_MAX_CONNECTIONS_PER_ADDRESS, addressOf: (req) => clientAddress(req) },
    // The API's streams end through their iterator's `return()` (live/subscribe.ts): no AbortSignal each.
    subscriptionsEndByReturn: true,
    createContext: ({ req, res, info }) =>
      options.createContext({
        headers: upgradeHeaders(req, info.connectionParams?.token),
        clientAddress: clientAddress(req),
        socket: new Socket(res),
      }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") logger.error({ err: error, path }, "ws procedure failed");
    },
  });
}

/** A socket as the context factory sees it: methods on the class, so that a connection costs no closures. */
class Socket implements WsSocket {
  constructor(private readonly socket: ConnectionContextOptions["res"]) {}

  onClose(listener: () => void) {
    if (this.socket.readyState === this.socket.CLOSED) listener();
    // `on`: a socket closes once, and `once` costs a wrapper per connection.
    else this.socket.on("close", listener);
  }

  isOpen() {
    return this.socket.readyState === this.socket.OPEN;
  }

  close(code: number, reason: string) {
    this.socket.close(code, reason);
  }

  takeSubscriptionWriter() {
    return takeSubscriptionWriter(this.socket);
  }
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
