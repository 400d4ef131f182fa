import { WebSocket } from "ws";

import type { SubscriptionWriter } from "../types";

/** How tRPC's ws protocol ends the frame that starts a subscription: `{"id":…,["jsonrpc":"2.0",]"result":{"type":"started"}}`. */
const STARTED_TAIL = '"result":{"type":"started"}}';
const STARTED_RESULT = '{"type":"started"}}';

/**
 * The server's WebSocket: it remembers the envelope of the subscription tRPC is starting, so that
 * the subscription's stream can write its frames itself (encoded once for all its subscribers).
 * The server (`TRPCConnection`, as tRPC's own adapter) writes `started` and, in the same synchronous step, asks the procedure's
 * iterator for its first item, which runs the stream's first synchronous step: there, and only
 * there, `takeSubscriptionWriter` hands it a writer for that subscription id. Code that looks
 * after an await may find the envelope of a subscription started since (the microtask that
 * forgets an envelope no one took runs after those already queued), so streams take it first
 * thing (`subscribe` in @chat/api); one left untaken is forgotten within the same turn.
 */
export class SubscriptionSocket extends WebSocket {
  #starting: string | null = null;

  // Every overload of ws' send passes through as it came.
  override send(...args: unknown[]): void {
    const data = args[0];
    if (typeof data === "string" && data.endsWith(STARTED_TAIL)) this.#remember(data.slice(0, -STARTED_RESULT.length));
    Reflect.apply(WebSocket.prototype.send, this, args);
  }

  /** The writer of the subscription tRPC is starting right now on this socket (once), or null. */
  takeSubscriptionWriter(): SubscriptionWriter | null {
    const envelope = this.#starting;
    if (envelope === null) return null;
    this.#starting = null;
    return new EnvelopeWriter(this, envelope);
  }

  #remember(envelope: string) {
    this.#starting = envelope;
    queueMicrotask(() => {
      if (this.#starting === envelope) this.#starting = null;
    });
  }
}

/** A subscription's writer: one small object, its method shared (a closure would be per subscription). */
class EnvelopeWriter implements SubscriptionWriter {
  constructor(
    private readonly socket: WebSocket,
    private readonly envelope: string,
  ) {}

  write(result: string) {
    // ws' own send: the socket's override looks for `started` frames, which these are not.
    if (this.socket.readyState === WebSocket.OPEN) Reflect.apply(WebSocket.prototype.send, this.socket, [this.envelope + result + "}"]);
  }
}

/** The writer of the subscription being started on `socket`, when the server made it (see `SubscriptionSocket`). */
export function takeSubscriptionWriter(socket: WebSocket): SubscriptionWriter | null {
  return socket instanceof SubscriptionSocket ? socket.takeSubscriptionWriter() : null;
}
