import type { IncomingMessage } from "node:http";

import {
  type AnyRouter,
  type ProcedureType,
  type TRPCErrorShape,
  TRPCError,
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  isTrackedEnvelope,
  transformTRPCResponse,
} from "@trpc/server";
import { type TRPCRequestInfo, parseConnectionParamsFromUnknown } from "@trpc/server/http";
import { isObservable, observableToAsyncIterable } from "@trpc/server/observable";
import { type TRPCClientOutgoingMessage, type TRPCResponseMessage, parseTRPCMessage } from "@trpc/server/rpc";
import { WebSocket } from "ws";

/** What the context factory gets: the upgrade request, the socket and the client's `connectionParams`. */
export interface ConnectionContextOptions {
  req: IncomingMessage;
  res: WebSocket;
  info: Pick<TRPCRequestInfo, "connectionParams">;
}

export interface ConnectionErrorInfo {
  error: TRPCError;
  path: string | undefined;
  type: ProcedureType | "unknown";
}

/** What every connection of a server shares. */
export interface ServedRouter {
  router: AnyRouter;
  /** Called once per connection; a throw refuses the connection with that error. */
  createContext(options: ConnectionContextOptions): Promise<object> | object;
  onError?(info: ConnectionErrorInfo): void;
  /** Calls per batched frame. */
  maxBatchSize: number;
  /**
   * The router's subscriptions end when their iterator is returned and never wait on `signal`:
   * they get none, which saves an AbortSignal (an EventTarget with two maps) per subscription.
   * tRPC's default, a signal for each, suits procedures that await it.
   */
  subscriptionsEndByReturn?: boolean;
}

type Id = number | string;
type ContextResult = { ok: true; ctx: object } | { ok: false; error: TRPCError };

/** What the client gets when its error cannot be formatted: nothing about it (what `errorFormatter` would have hidden). */
const fallbackErrorShape: TRPCErrorShape = {
  code: -32603,
  message: "Internal server error",
  data: { code: "INTERNAL_SERVER_ERROR", httpStatus: 500 },
};

const isAbortError = (error: unknown) => typeof error === "object" && error !== null && (error as { name?: unknown }).name === "AbortError";
const isAsyncIterable = (value: unknown): value is AsyncIterable<unknown> =>
  typeof value === "object" && value !== null && Symbol.asyncIterator in value;

/**
 * tRPC's WebSocket protocol on one connection, as `@trpc/server/adapters/ws` speaks it (the
 * official `wsLink` is the client: `connectionParams`, batches, `subscription.stop`, `tracked()`
 * ids and `lastEventId`, `started`/`stopped`), served by one object per connection and one
 * async call per subscription. The adapter keeps a dozen closures and the upgrade request per
 * connection, and per subscription an abort race, resource wrappers and ~20 pending promises:
 * at 10,000 subscribed connections that was two thirds of the heap they cost. Replies are the
 * adapter's byte for byte (test/trpc-connection.test.ts holds them side by side).
 */
export class TRPCConnection {
  /** The upgrade request, until the context is made from it. */
  private req: IncomingMessage | undefined;
  /** When the client last sent anything, and when it was pinged since (0: not pinged): the keep-alive's. */
  private heardAt = Date.now();
  private pingedAt = 0;
  /** Null until the client's `connectionParams` arrive, when it said it would send them. */
  private context: Promise<ContextResult> | null = null;
  private ctx: object | undefined;
  /** Open subscriptions by id, made on the first. */
  private subscriptions: Map<Id, RunningSubscription> | null = null;

  constructor(
    private readonly served: ServedRouter,
    private readonly socket: WebSocket,
    req: IncomingMessage,
  ) {
    this.req = req;
    // A client that sends `connectionParams` says so in the URL; its context waits for them.
    if (new URL(req.url ?? "/", "http://localhost").searchParams.get("connectionParams") !== "1") this.context = this.createContext(() => null);
  }

  /** A frame from the client (a text frame's payload); PING and PONG are the keep-alive's. */
  receive(data: unknown, isBinary: boolean): void {
    this.heardAt = Date.now();
    this.pingedAt = 0;
    if (!Buffer.isBuffer(data)) {
      const error = new TRPCError({ code: "UNPROCESSABLE_CONTENT", message: "Unexpected WebSocket message format" });
      this.respondOrReport(() => ({ id: null, error: this.errorShape(error, undefined, "unknown", undefined) }));
      return;
    }
    const text = isBinary ? null : data.toString("utf8");
    if (text === "PONG") return;
    if (text === "PING") {
      this.socket.send("PONG");
      return;
    }
    if (!this.context) {
      this.context = this.createContext(() => parseConnectionParams(text));
      return;
    }
    for (const [index, call] of this.parse(text).entries()) {
      try {
        this.handle(call, index);
      } catch (cause) {
        this.reportInternal(cause);
      }
    }
  }

  /**
   * Pings the client once it has been quiet for `pingMs`, and ends the connection when nothing
   * came within `pongWaitMs` of the ping (the server checks every connection on one timer).
   */
  keepAlive(now: number, pingMs: number, pongWaitMs: number): void {
    if (this.pingedAt !== 0) {
      if (now - this.pingedAt >= pongWaitMs) this.socket.terminate();
    } else if (now - this.heardAt >= pingMs && this.isOpen()) {
      this.pingedAt = now;
      this.socket.send("PING");
    }
  }

  /** The socket failed (it closes next): the server hears of it. */
  failed(cause: unknown): void {
    this.report(getTRPCErrorFromUnknown(cause));
  }

  /** The socket closed: every subscription stops. */
  closed(): void {
    for (const subscription of this.subscriptions?.values() ?? []) this.stop(subscription);
    this.subscriptions?.clear();
  }

  private async createContext(params: () => TRPCRequestInfo["connectionParams"]): Promise<ContextResult> {
    try {
      const connectionParams = params();
      const ctx = await this.served.createContext({ req: this.req!, res: this.socket, info: { connectionParams } });
      this.ctx = ctx;
      this.req = undefined;
      return { ok: true, ctx };
    } catch (cause) {
      this.req = undefined;
      const error = getTRPCErrorFromUnknown(cause);
      this.report(error);
      this.respondOrReport(() => ({ id: null, error: this.errorShape(error, undefined, "unknown", undefined) }));
      setImmediate(() => this.socket.close());
      return { ok: false, error };
    }
  }

  /** The calls of a frame; none, with the error answered, when it is not one or is too large a batch. */
  private parse(text: string | null): TRPCClientOutgoingMessage[] {
    const { transformer } = this.served.router._def._config;
    try {
      if (text === null) throw new Error("jsonEncoder received binary data. JSON uses text frames. Use a binary encoder for binary data.");
      const json: unknown = JSON.parse(text);
      const calls: unknown[] = Array.isArray(json) ? json : [json];
      if (Array.isArray(json) && calls.length > this.served.maxBatchSize) {
        this.refuseBatch(calls);
        return [];
      }
      return calls.map((call) => parseTRPCMessage(call, transformer));
    } catch (cause) {
      const error = new TRPCError({ code: "PARSE_ERROR", cause });
      this.respondOrReport(() => ({ id: null, error: this.errorShape(error, undefined, "unknown", undefined) }));
      return [];
    }
  }

  /** Every call of an oversized batch gets the error, as in a batched HTTP call, so that no client waits forever. */
  private refuseBatch(calls: unknown[]) {
    const error = new TRPCError({ code: "BAD_REQUEST", message: "Batch call exceeds maximum size" });
    this.report(error);
    const shape = this.errorShape(error, undefined, "unknown", undefined);
    let responded = false;
    for (const raw of calls) {
      if (typeof raw !== "object" || raw === null) continue;
      const { id, method, jsonrpc } = raw as { id?: unknown; method?: unknown; jsonrpc?: unknown };
      if (method === "subscription.stop" || (typeof id !== "number" && typeof id !== "string")) continue;
      this.respondOrReport(() => ({ id, jsonrpc: jsonrpc === "2.0" ? "2.0" : undefined, error: shape }));
      responded = true;
    }
    if (!responded) this.respondOrReport(() => ({ id: null, error: shape }));
  }

  /** Answers what needs no procedure at once, and starts the rest: a call, or a subscription that runs until it ends. */
  private handle(call: TRPCClientOutgoingMessage, batchIndex: number): void {
    const { id, jsonrpc } = call;
    if (id === null) {
      const error = new TRPCError({ code: "PARSE_ERROR", message: "`id` is required" });
      this.report(error);
      this.respond({ id, jsonrpc, error: this.errorShape(error, undefined, "unknown", undefined) });
      return;
    }
    if (call.method === "subscription.stop") {
      const subscription = this.subscriptions?.get(id);
      if (subscription) this.stop(subscription);
      return;
    }
    const { path, lastEventId } = call.params;
    let { input } = call.params;
    const type = call.method;
    if (lastEventId !== undefined) {
      input = typeof input === "object" && input !== null ? { ...input, lastEventId } : (input ?? { lastEventId });
    }
    const request: Request = { id, jsonrpc, path, type, input, batchIndex };
    if (type !== "subscription") {
      void this.call(request);
    } else if (this.subscriptions?.has(id)) {
      this.respondWithError(request, new TRPCError({ code: "BAD_REQUEST", message: `Duplicate id ${id}` }));
    } else {
      // Its id is taken before anything is awaited: a stop or a close meanwhile cancels it.
      const running = new RunningSubscription(request, !this.served.subscriptionsEndByReturn);
      (this.subscriptions ??= new Map()).set(id, running);
      void this.subscription(running);
    }
  }

  /** A query or a mutation: its answer or its error. */
  private async call(request: Request): Promise<void> {
    const cancellation = new Cancellation(true);
    try {
      const result = await this.procedure(request, cancellation);
      if (result === undefined) return;
      if (isAsyncIterable(result.value) || isObservable(result.value)) {
        throw new TRPCError({
          code: "UNSUPPORTED_MEDIA_TYPE",
          message: `Cannot return an async iterable or observable from a ${request.type} procedure with WebSockets`,
        });
      }
      this.respond({ id: request.id, jsonrpc: request.jsonrpc, result: { type: "data", data: result.value } });
    } catch (cause) {
      this.fail(request, cancellation, cause);
    }
  }

  /**
   * A subscription from its call to `stopped`, in one async call: it waits here between items,
   * and each async call suspended per subscription costs most of a kilobyte at 10,000. A `next`
   * that fails once the subscription is stopped is reported, not answered; one that fails before
   * is answered with its error once the iterator is disposed, then `stopped`, as from tRPC's
   * adapter. The id is given back once the stream is disposed, right before the client hears
   * `stopped` and may reuse it.
   */
  private async subscription(running: RunningSubscription): Promise<void> {
    const { request } = running;
    const { id, jsonrpc } = request;
    try {
      const result = await this.procedure(request, running);
      const iterator = result && this.iteratorOf(result.value, request, running);
      if (iterator) running.iterator = iterator;
      if (iterator && (running.stopped || !this.isOpen())) {
        this.stop(running);
        await running.disposed;
      } else if (iterator) {
        this.respond({ id, jsonrpc, result: { type: "started" } });
        let completed = false;
        let failure: TRPCError | null = null;
        try {
          while (!running.stopped) {
            const next = await iterator.next();
            completed = next.done === true;
            // Stopped while the item was on its way: the client no longer wants it.
            if (completed || running.stopped) break;
            this.respond({ id, jsonrpc, result: resultOf(next.value) });
          }
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          if (!running.stopped) failure = error;
          else if (!isAbortError(error.cause)) this.report(error, request);
        }
        if (!completed) this.stop(running);
        await running.disposed;
        if (failure) this.respondWithErrorOrFallback(request, failure);
      }
    } catch (cause) {
      this.release(request.id, running);
      this.fail(request, running, cause);
      return;
    }
    this.release(request.id, running);
    this.respond({ id, jsonrpc, result: { type: "stopped" } });
  }

  /** The iterator of what a subscription procedure returned; null for an observable that came after the socket closed (converting it would subscribe). */
  private iteratorOf(value: unknown, request: Request, running: RunningSubscription): AsyncIterator<unknown> | null {
    if (!isAsyncIterable(value) && !isObservable(value)) {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `Subscription ${request.path} did not return an observable or a AsyncGenerator` });
    }
    if (!this.isOpen()) {
      running.stop();
      if (isObservable(value)) return null;
    }
    return (isObservable(value) ? observableToAsyncIterable(value, running.signalForObservable()) : value)[Symbol.asyncIterator]();
  }

  private release(id: Id, running: RunningSubscription) {
    if (!this.isOpen()) running.stop();
    this.subscriptions?.delete(id);
  }

  /** A call failed before it answered: its error, unless it gave up because its subscription was stopped. */
  private fail(request: Request, cancellation: Cancellation, cause: unknown) {
    const error = getTRPCErrorFromUnknown(cause);
    if (cancellation.stopped && error.code === "INTERNAL_SERVER_ERROR" && isAbortError(error.cause)) {
      if (request.type === "subscription") this.respond({ id: request.id, jsonrpc: request.jsonrpc, result: { type: "stopped" } });
      return;
    }
    this.respondWithErrorOrFallback(request, error);
  }

  /**
   * Stops a subscription: its signal, when it has one, aborts (cleanup that waits for it is woken first), then its
   * iterator is ended, once, without waiting for a `next`: one that waits in it wakes `done`
   * (`subscribe` in @chat/api needs no abort listener per subscription for that).
   */
  private stop(running: RunningSubscription) {
    running.stop();
    if (running.iterator && !running.disposed) running.disposed = this.dispose(running.iterator, running.request);
  }

  /** Ends an iterator without reading it; a failure is the server's to hear, the client still gets `stopped`. */
  private async dispose(iterator: AsyncIterator<unknown>, request: Request) {
    try {
      await iterator.return?.();
    } catch (cause) {
      this.report(getTRPCErrorFromUnknown(cause), request);
    }
  }

  /** Calls the procedure once the context is made; undefined when the call was cancelled meanwhile. */
  private async procedure(request: Request, cancellation: Cancellation): Promise<{ value: unknown } | undefined> {
    const context = await this.context!;
    if (!context.ok) throw context.error;
    if (cancellation.stopped || (request.type === "subscription" && !this.isOpen())) return undefined;
    const value: unknown = await callTRPCProcedure({
      router: this.served.router,
      path: request.path,
      getRawInput: () => Promise.resolve(request.input),
      ctx: context.ctx,
      type: request.type,
      signal: cancellation.signal,
      batchIndex: request.batchIndex,
    });
    return { value };
  }

  private isOpen() {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Nothing is written once closing has started. */
  private respond(message: TRPCResponseMessage) {
    if (!this.isOpen()) return;
    this.socket.send(JSON.stringify(transformTRPCResponse(this.served.router._def._config, message)));
  }

  private respondWithError(request: Request, cause: unknown) {
    const error = getTRPCErrorFromUnknown(cause);
    this.report(error, request);
    this.respond({ id: request.id, jsonrpc: request.jsonrpc, error: this.errorShape(error, request.path, request.type, request.input) });
  }

  private respondWithErrorOrFallback(request: Request, error: TRPCError) {
    try {
      this.respondWithError(request, error);
    } catch (cause) {
      this.reportInternal(cause, request);
      this.respondOrReport(() => ({ id: request.id, jsonrpc: request.jsonrpc, error: fallbackErrorShape }));
    }
  }

  /** A reply tied to no call: one that cannot be built or sent is reported, and replaced by the fallback error. */
  private respondOrReport(response: () => TRPCResponseMessage) {
    let message: TRPCResponseMessage | null = null;
    try {
      message = response();
      this.respond(message);
    } catch (cause) {
      this.reportInternal(cause);
      if (message === null) return;
      try {
        this.respond({ id: message.id, jsonrpc: message.jsonrpc, error: fallbackErrorShape });
      } catch {
        // the same failure, reported above
      }
    }
  }

  /** The error shape the client gets, or the fallback when `errorFormatter` throws, so that the call is still answered. */
  private errorShape(error: TRPCError, path: string | undefined, type: ProcedureType | "unknown", input: unknown): TRPCErrorShape {
    try {
      return getErrorShape({ config: this.served.router._def._config, ctx: this.ctx, error, type, path, input });
    } catch (cause) {
      this.reportInternal(cause, { path, type });
      return fallbackErrorShape;
    }
  }

  private report(error: TRPCError, call: CallInfo = noCall) {
    try {
      this.served.onError?.({ error, path: call.path, type: call.type });
    } catch {
      // an onError that throws must not take the connection down
    }
  }

  /** A failure of the connection's own error handling: never dropped silently. */
  private reportInternal(cause: unknown, call: CallInfo = noCall) {
    const error = getTRPCErrorFromUnknown(cause);
    if (this.served.onError) this.report(error, call);
    else console.error("[@chat/realtime/ws]", error);
  }
}

/** What errors are reported with: the call's path and type, when there is a call. */
type CallInfo = Pick<ConnectionErrorInfo, "path" | "type">;
const noCall: CallInfo = { path: undefined, type: "unknown" };

/** Whether a call was stopped, and the AbortSignal its procedure gets, when it gets one. */
class Cancellation {
  stopped = false;
  private controller: AbortController | undefined;

  constructor(withSignal: boolean) {
    if (withSignal) this.controller = new AbortController();
  }

  get signal(): AbortSignal | undefined {
    return this.controller?.signal;
  }

  /** An observable is unsubscribed through a signal: made when there is none yet. */
  signalForObservable(): AbortSignal {
    this.controller ??= new AbortController();
    if (this.stopped) abort(this.controller);
    return this.controller.signal;
  }

  stop() {
    this.stopped = true;
    if (this.controller) abort(this.controller);
  }
}

/** A subscription from its call to `stopped`: its cancellation, and its iterator once the procedure returned it. */
class RunningSubscription extends Cancellation {
  iterator: AsyncIterator<unknown> | null = null;
  /** The iterator's disposal, once begun: the client hears `stopped` after it. */
  disposed: Promise<void> | null = null;

  constructor(
    readonly request: Request,
    withSignal: boolean,
  ) {
    super(withSignal);
  }
}

interface Request {
  id: Id;
  jsonrpc: "2.0" | undefined;
  path: string;
  type: ProcedureType;
  input: unknown;
  batchIndex: number;
}

/** A subscription's item as tRPC writes it: a `tracked()` one carries its id, for the client's `lastEventId`. */
function resultOf(value: unknown) {
  if (!isTrackedEnvelope(value)) return { type: "data" as const, data: value };
  const [id, data] = value;
  // tRPC's adapter adds `id` after `data`: the same key order, the same bytes.
  return { type: "data" as const, data: { id, data }, id };
}

/**
 * Why a subscription's signal aborts: one AbortError for all. `abort()` without a reason builds a
 * DOMException with a stack trace each time, and Node keeps every DOMException in a weak table
 * whose capacity stays at its peak once they are gone (~130 KB after 3,000 stops).
 */
const stopped = new DOMException("The subscription was stopped", "AbortError");

function abort(controller: AbortController) {
  if (!controller.signal.aborted) controller.abort(stopped);
}

/** The `connectionParams` message, the first a client sends when its URL says it will. */
function parseConnectionParams(text: string | null) {
  let message: unknown;
  try {
    if (text === null) throw new Error("jsonEncoder received binary data. JSON uses text frames. Use a binary encoder for binary data.");
    message = JSON.parse(text);
    if (typeof message !== "object" || message === null) throw new Error("Message was not an object");
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "Malformed TRPCConnectionParamsMessage", cause });
  }
  return parseConnectionParamsFromUnknown((message as { data?: unknown }).data);
}
