import type { WebSocket } from "ws";

import { SubscriptionSocket } from "./subscription-socket";

export interface FrameLimit {
  /** Frames a connection may send per window, pings included. */
  perWindow: number;
  windowMs: number;
}

/** tRPC's JSON-RPC code for TOO_MANY_REQUESTS, so that clients see the same typed error as over HTTP. */
const TOO_MANY_REQUESTS = -32029;

/**
 * The server's WebSocket class (a `SubscriptionSocket`), capping the frames each connection sends (Discord allows 120 a minute).
 * Past the cap, every call in a frame is answered with a TOO_MANY_REQUESTS error carrying
 * `retryAfter` seconds, and not run (stopping subscriptions still works); past twice the cap the
 * connection is closed (1008).
 *
 * It overrides `emit`, the one way to keep a `message` event from listeners that are already
 * registered or registered later (tRPC's); as a class, a connection costs two numbers, not closures.
 */
export function frameLimitedWebSocket(limit: FrameLimit, serializeError: (shape: unknown) => unknown): typeof SubscriptionSocket {
  return class FrameLimitedWebSocket extends SubscriptionSocket {
    #windowStart = Date.now();
    #count = 0;

    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== "message") return super.emit(event, ...args);
      const now = Date.now();
      if (now - this.#windowStart >= limit.windowMs) {
        this.#windowStart = now;
        this.#count = 0;
      }
      this.#count += 1;
      if (this.#count <= limit.perWindow) return super.emit(event, ...args);
      if (this.#count > 2 * limit.perWindow) {
        this.close(1008, "Too many messages");
        return false;
      }
      const calls = callsOf(args[0]);
      if (calls.length > 0 && calls.every((call) => call.method === "subscription.stop")) return super.emit(event, ...args);
      const retryAfter = Math.max(1, Math.ceil((this.#windowStart + limit.windowMs - now) / 1000));
      refuse(this, calls, retryAfter, serializeError);
      return false;
    }
  };
}

interface Call {
  id: unknown;
  jsonrpc?: unknown;
  method?: unknown;
}

/** The calls of a frame as far as they can be read; none for pings and garbage. */
function callsOf(data: unknown): Call[] {
  try {
    const parsed: unknown = JSON.parse(String(data));
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return items.filter((item): item is Call => typeof item === "object" && item !== null && "id" in item);
  } catch {
    return [];
  }
}

function refuse(ws: WebSocket, calls: Call[], retryAfter: number, serializeError: (shape: unknown) => unknown): void {
  const shape = {
    code: TOO_MANY_REQUESTS,
    message: `Too many messages on this connection, retry in ${retryAfter} s`,
    data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfter },
  };
  const answered = calls.filter((call) => typeof call.id === "number" || typeof call.id === "string");
  for (const call of answered.length > 0 ? answered : [{ id: null }]) {
    if (ws.readyState !== ws.OPEN) return;
    const jsonrpc = call.jsonrpc === "2.0" ? { jsonrpc: "2.0" } : {};
    ws.send(JSON.stringify({ id: call.id, ...jsonrpc, error: serializeError(shape) }));
  }
}
