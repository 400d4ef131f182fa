import { WebSocket } from "ws";

import { type ConnectionKind, markerPattern } from "./protocol";

export interface Tally {
  received: number;
  /**
   * Messages at or below the last the connection had seen, by the stream's seq (tRPC) or by
   * marker (bare, where sends are one at a time): duplicates or out of order.
   */
  outOfOrder: number;
  /** Connections that closed without being asked to, and the code and reason of the last. */
  closed: number;
  lastClose?: string;
  /** The first message frame, as it came over the wire (the bare baseline broadcasts the same bytes). */
  sample: string | null;
  arrivals: Map<number, { count: number; at: number }>;
}

/**
 * One connection, subscribed when it resolves. A tRPC one speaks the protocol of
 * `@trpc/server/adapters/ws` (connection params with the token, then `message.onEvent`) and is
 * subscribed at the stream's first item (`ready`); a bare one at `open`. Either answers the
 * server's PING text with PONG, and parses every frame as a client would.
 */
export function openConnection(
  kind: ConnectionKind,
  url: string,
  token: string | undefined,
  channelId: string,
  tally: Tally,
  onArrival: (marker: number) => void,
  onLost: () => void,
): Promise<WebSocket> {
  const ws = new WebSocket(kind === "trpc" ? `${url}?connectionParams=1` : url);
  let last = -1;
  let expectedClose = false;
  return new Promise((resolve, reject) => {
    // Generous: 10,000 opened at once on a shared two-core machine take minutes, not seconds, to subscribe.
    const timer = setTimeout(() => reject(new Error("not subscribed within 300 s")), 300_000);
    const subscribed = () => {
      clearTimeout(timer);
      resolve(ws);
    };
    ws.once("error", (error) => reject(error));
    ws.once("open", () => {
      if (kind === "bare") return subscribed();
      ws.send(JSON.stringify({ method: "connectionParams", data: { token } }));
      ws.send(JSON.stringify({ id: 1, method: "subscription", params: { path: "message.onEvent", input: { json: { channelId } } } }));
    });
    ws.on("message", (data: Buffer) => {
      const text = data.toString();
      if (text === "PING") return ws.send("PONG");
      const frame = JSON.parse(text) as { error?: unknown; result?: { id?: string; data?: { json?: { data?: { type?: string } } } } };
      if (frame.error) return reject(new Error(JSON.stringify(frame.error)));
      if (frame.result?.data?.json?.data?.type === "ready") return subscribed();
      const match = markerPattern.exec(text);
      if (!match) return;
      tally.sample ??= text;
      tally.received += 1;
      const marker = Number(match[1]);
      const order = kind === "trpc" ? Number(frame.result?.id) : marker;
      if (order <= last) tally.outOfOrder += 1;
      last = Math.max(last, order);
      onArrival(marker);
    });
    ws.once("close", (code, reason) => {
      if (expectedClose) return;
      tally.closed += 1;
      tally.lastClose = `${code} ${reason.toString()}`;
      onLost();
    });
    const close = ws.close.bind(ws);
    ws.close = (...args: Parameters<WebSocket["close"]>) => {
      expectedClose = true;
      close(...args);
    };
  });
}
