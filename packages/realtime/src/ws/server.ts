import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";

import type { AnyRouter } from "@trpc/server";
import { applyWSSHandler, type CreateWSSContextFn, type WSSHandlerOptions } from "@trpc/server/adapters/ws";
import { WebSocketServer } from "ws";

import { createConnectionCap } from "./connection-cap";
import { frameLimitedWebSocket } from "./frame-limit";
import { isOriginAllowed } from "./origin";

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
  createContext: CreateWSSContextFn<TRouter>;
  /** Origins allowed besides the server's own host. */
  allowedOrigins: readonly string[];
  /**
   * Open connections one client address may hold; past it an upgrade gets 429 before the
   * handshake. `addressOf` reads the address of an upgrade request (behind trusted proxies,
   * from X-Forwarded-For).
   */
  perAddress: { max: number; addressOf: (req: IncomingMessage) => string };
  onError?: WSSHandlerOptions<TRouter>["onError"];
  limits?: Partial<typeof realtimeLimits>;
}

export interface RealtimeServer {
  wss: WebSocketServer;
  /** Takes over an HTTP upgrade request: checks its Origin and its address's open connections, then opens the WebSocket. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Stops accepting, tells clients to reconnect elsewhere, waits up to `drainMs` for them to leave. */
  close(drainMs?: number): Promise<void>;
}

/** The tRPC router over `ws`, to be fed upgrade requests by an HTTP server (apps/web/server.ts, apps/realtime). */
export function createRealtimeServer<TRouter extends AnyRouter>(options: RealtimeServerOptions<TRouter>): RealtimeServer {
  const limits = { ...realtimeLimits, ...options.limits };
  const serializeError = (shape: unknown) => options.router._def._config.transformer.output.serialize(shape);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxPayloadBytes,
    // Frames are counted before tRPC's handler sees them; subscriptions can write broadcasts themselves.
    WebSocket: frameLimitedWebSocket({ perWindow: limits.messagesPerWindow, windowMs: limits.messageWindowMs }, serializeError),
  });
  const handler = applyWSSHandler({
    wss,
    router: options.router,
    createContext: options.createContext,
    onError: options.onError,
    maxBatchSize: limits.maxBatchSize,
    keepAlive: { enabled: true, pingMs: limits.pingMs, pongWaitMs: limits.pongWaitMs },
  } as WSSHandlerOptions<TRouter>);
  const addresses = createConnectionCap(options.perAddress.max);
  let closing = false;

  return {
    wss,
    handleUpgrade(req, socket, head) {
      socket.on("error", () => socket.destroy());
      if (closing) return refuse(socket, 503, "Service Unavailable");
      if (!isOriginAllowed(req, options.allowedOrigins)) return refuse(socket, 403, "Forbidden");
      const release = addresses.admit(options.perAddress.addressOf(req));
      if (!release) return refuse(socket, 429, "Too Many Requests");
      // The TCP socket closes however the connection ends, a failed handshake included.
      socket.once("close", release);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req));
    },
    async close(drainMs = 5_000) {
      closing = true;
      handler.broadcastReconnectNotification();
      const deadline = Date.now() + drainMs;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function refuse(socket: Duplex, status: number, reason: string) {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
