import type { Server, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";

import type { Logger } from "pino";

export type Step = () => Promise<void>;

export interface ShutdownOptions {
  server: Server;
  logger: Logger;
  /** The bound: past it, whatever is still open is cut and the process exits 1. */
  timeoutMs: number;
  /** Told first, so that readiness turns 503 (see Probes.drain). */
  onStopping?: () => void;
  /** Run while HTTP requests finish: telling WebSocket clients to reconnect elsewhere, closing them. */
  drain?: Step[];
  /** Run in order once no request is left: the app, caches, the database. */
  close?: Step[];
  /** Signals that start the shutdown; tests pass none and call `shutdown` themselves. */
  signals?: NodeJS.Signals[];
  exit?: (code: number) => void;
}

export interface GracefulShutdown {
  /** Stops the process as SIGTERM does; resolves with the exit code once every step has run. */
  shutdown(reason: string): Promise<number>;
  readonly stopping: boolean;
}

/**
 * SIGTERM (and SIGINT): stop accepting connections, let in-flight requests finish (their responses
 * close the connection), run the drain steps, then the close steps, and exit 0 — or exit 1 once
 * `timeoutMs` has passed. A second signal exits at once.
 */
export function handleShutdown(options: ShutdownOptions): GracefulShutdown {
  const { server, logger, timeoutMs } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const upgraded = new Set<Duplex>();
  let stopping: Promise<number> | null = null;

  const responding = new Set<ServerResponse>();
  // Responses written after the signal tell the client to reconnect: keep-alive would pin it here.
  const closeAfterResponse = (res: ServerResponse) => {
    if (!res.headersSent) res.setHeader("connection", "close");
  };
  server.prependListener("request", (_req, res) => {
    if (stopping) return closeAfterResponse(res);
    responding.add(res);
    res.once("close", () => responding.delete(res));
  });
  // One listener for every socket (`this` is the socket), and `on`: a socket closes once, and a
  // closure or `once`'s wrapper per connection is heap each open connection keeps.
  function forget(this: Duplex) {
    upgraded.delete(this);
  }
  server.on("upgrade", (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.on("close", forget);
  });

  async function run(reason: string): Promise<number> {
    const started = Date.now();
    // The listener closes before the line is written: whoever reads "shutting down" is refused.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    logger.info({ reason, timeoutMs }, "shutting down: no new connections, finishing requests");
    options.onStopping?.();
    responding.forEach(closeAfterResponse);
    const timedOut = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), timeoutMs).unref());
    server.closeIdleConnections();
    const drained = (async () => {
      await Promise.allSettled((options.drain ?? []).map((step) => step()));
      // Upgraded sockets are the drain steps' to end; what they leave open (a dev-server reload socket) is cut.
      for (const socket of upgraded) socket.destroy();
      await closed;
      let failures = 0;
      for (const step of options.close ?? []) {
        await step().catch((error: unknown) => {
          failures += 1;
          logger.error({ err: error }, "shutdown step failed");
        });
      }
      return failures === 0 ? 0 : 1;
    })();
    const outcome = await Promise.race([drained, timedOut]);
    if (outcome === "timeout") {
      logger.error({ timeoutMs }, "shutdown timed out: closing the remaining connections");
      server.closeAllConnections();
      return 1;
    }
    logger.info({ ms: Date.now() - started, code: outcome }, "shut down");
    return outcome;
  }

  const shutdown = (reason: string) => {
    stopping ??= run(reason).then((code) => {
      exit(code);
      return code;
    });
    return stopping;
  };
  for (const signal of options.signals ?? ["SIGTERM", "SIGINT"]) {
    process.on(signal, () => {
      if (!stopping) return void shutdown(signal);
      logger.warn({ signal }, "second signal: exiting now");
      exit(1);
    });
  }
  return {
    shutdown,
    get stopping() {
      return stopping !== null;
    },
  };
}
