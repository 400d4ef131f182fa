import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

import type { AnyRouter } from "@trpc/server";
import { type WebSocket, WebSocketServer } from "ws";

import { createConnectionCap } from "./connection-cap";
import { frameLimitedWebSocket } from "./frame-limit";
import { isOriginAllowed } from "./origin";
import { type ConnectionContextOptions, type ConnectionErrorInfo, TRPCConnection } from "./trpc-connection";

export const realtimeLimits = {
  /** Larger frames close the connection (1009) before they are parsed. */
  maxPayloadBytes: 64 * 1024,
  /**
   * Frames a connection may send per window, pings included (Discord's gateway: 120 a minute).
   * Past it calls get TOO_MANY_REQUESTS; past twice that the connection is closed (1008).
   */
  messagesPerWindow: 120,
  messageWindowMs: 60_000,
  /** Calls per batched frame: the client batches what it sends in one tick, e.g. a page's subscriptions. */
  maxBatchSize: 100,
  /** A quiet connection is pinged after this long, and closed when no answer comes within pongWaitMs. */
  pingMs: 4_000,
  pongWaitMs: 3_000,
};

export interface RealtimeServerOptions<TRouter extends AnyRouter> {
  router: TRouter;
  /** Called once per connection with the upgrade request and the `connectionParams`. */
  createContext(options: ConnectionContextOptions): Promise<object> | object;
  /** Origins allowed besides the server's own host. */
  allowedOrigins: readonly string[];
  /**
   * Open connections one client address may hold; past it an upgrade gets 429 before the
   * handshake. `addressOf` reads the address of an upgrade request (behind trusted proxies,
   * from X-Forwarded-For).
   */
  perAddress: { max: number; addressOf: (req: IncomingMessage) => string };
  onError?(info: ConnectionErrorInfo): void;
  limits?: Partial<typeof realtimeLimits>;
  /** See `ServedRouter`: subscriptions that end by `return()` get no AbortSignal. */
  subscriptionsEndByReturn?: boolean;
}

export interface RealtimeServer {
  wss: WebSocketServer;
  /** Takes over an HTTP upgrade request: checks its Origin and its address's open connections, then opens the WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stops accepting, tells clients to reconnect elsewhere, waits up to `drainMs` for them to leave. */
  close(drainMs?: number): Promise<void>;
}

/**
 * The tRPC router over `ws` (tRPC's WebSocket protocol, served by `TRPCConnection`), to be fed
 * upgrade requests by an HTTP server (apps/web/server.ts, apps/realtime).
 */
export function createRealtimeServer<TRouter extends AnyRouter>(options: RealtimeServerOptions<TRouter>): RealtimeServer {
  const limits = { ...realtimeLimits, ...options.limits };
  const serializeError = (shape: unknown) => options.router._def._config.transformer.output.serialize(shape);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    // Frames are counted before tRPC's handler sees them; subscriptions can write broadcasts themselves.
    WebSocket: frameLimitedWebSocket({ perWindow: limits.messagesPerWindow, windowMs: limits.messageWindowMs }, serializeError),
  });
  const served = {
    router: options.router,
    createContext: options.createContext,
    onError: options.onError,
    maxBatchSize: limits.maxBatchSize,
    subscriptionsEndByReturn: options.subscriptionsEndByReturn,
  };
  const connections = new Set<TRPCConnection>();
  wss.on("connection", (socket, req) => {
    const connection = new TRPCConnection(served, socket, req);
    connections.add(connection);
    socket.on("message", (data, isBinary) => connection.receive(data, isBinary));
    // An unhandled socket error would take the process down (e.g. a frame with RSV bits set).
    socket.on("error", (cause) => connection.failed(cause));
    socket.on("close", () => {
      connections.delete(connection);
      connection.closed();
    });
  });
  // One timer for every connection's keep-alive, rather than two per connection.
  const keepAlive = setInterval(() => {
    const now = Date.now();
    for (const connection of connections) connection.keepAlive(now, limits.pingMs, limits.pongWaitMs);
  }, Math.min(limits.pingMs, limits.pongWaitMs) / 4);
  keepAlive.unref();
  const addresses = createConnectionCap(options.perAddress.max);
  let closing = false;
  // Shared, not a closure per upgrade: one beside the socket's error listener would keep the upgrade request alive with it.
  const emitConnection = (ws: WebSocket, req: IncomingMessage) => wss.emit("connection", ws, req);

  return {
    wss,
    handleUpgrade(req, socket, head) {
      socket.on("error", destroy);
      if (closing) return refuse(socket, 503, "Service Unavailable");
      if (!isOriginAllowed(req, options.allowedOrigins)) return refuse(socket, 403, "Forbidden");
      const release = addresses.admit(options.perAddress.addressOf(req));
      if (!release) return refuse(socket, 429, "Too Many Requests");
      // The TCP socket closes however the connection ends, a failed handshake included. (`on`, not
      // `once`: it closes once, and `once` costs a wrapper and a bound function per connection.)
      socket.on("close", release);
      wss.handleUpgrade(req, socket, head, emitConnection);
    },
    async close(drainMs = 5_000) {
      closing = true;
      // tRPC's reconnect notification: its clients reconnect at once, to another instance.
      for (const socket of wss.clients) if (socket.readyState === socket.OPEN) socket.send('{"id":null,"method":"reconnect"}');
      const deadline = Date.now() + drainMs;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearInterval(keepAlive);
    },
  };
}

/** A TCP socket's error listener: `this` is the socket. */
function destroy(this: Duplex) {
  this.destroy();
}

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
