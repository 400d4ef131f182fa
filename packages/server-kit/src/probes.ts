import type { IncomingMessage, ServerResponse } from "node:http";

import type { Logger } from "pino";

/** One dependency an instance needs before it takes traffic. */
export interface ReadinessCheck {
  name: string;
  /** Resolves when the dependency is usable; rejects with the reason when it is not. */
  run(): Promise<void>;
  /** Releases what the check holds (a connection of its own). */
  close?(): Promise<void>;
}

export type CheckState = "ok" | "failed";

export interface Readiness {
  status: "ready" | "unready" | "draining";
  checks: Record<string, CheckState>;
}

export interface Probes {
  /** Answers GET/HEAD /api/health and /api/ready; returns false for any other request. */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  readiness(): Promise<Readiness>;
  /** From now on /api/ready answers 503, so that load balancers send new work elsewhere. */
  drain(): void;
  close(): Promise<void>;
}

export interface ProbeOptions {
  checks: ReadinessCheck[];
  logger: Logger;
  /** A check that has not answered by then has failed: a probe never hangs. */
  timeoutMs?: number;
}

/**
 * Liveness (`/api/health`: the process answers) and readiness (`/api/ready`: every check passes
 * and the process is not stopping). Failure reasons go to the logs, where only operators see them;
 * the response names the failing check.
 */
export function createProbes({ checks, logger, timeoutMs = 2_000 }: ProbeOptions): Probes {
  let draining = false;
  const lastStates = new Map<string, CheckState>();

  async function runCheck(check: ReadinessCheck): Promise<CheckState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    let state: CheckState = "ok";
    try {
      await Promise.race([check.run(), timeout]);
    } catch (error) {
      state = "failed";
      // Logged when the state changes, not on every poll of every load balancer.
      if (lastStates.get(check.name) !== "failed") logger.warn({ check: check.name, err: error }, "readiness check failed");
    } finally {
      clearTimeout(timer);
    }
    if (state === "ok" && lastStates.get(check.name) === "failed") logger.info({ check: check.name }, "readiness check recovered");
    lastStates.set(check.name, state);
    return state;
  }

  async function readiness(): Promise<Readiness> {
    const states = await Promise.all(checks.map(runCheck));
    const result = Object.fromEntries(checks.map((check, index) => [check.name, states[index] ?? "failed"]));
    const status = draining ? "draining" : states.every((state) => state === "ok") ? "ready" : "unready";
    return { status, checks: result };
  }

  function reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify(body));
  }

  return {
    readiness,
    handle(req, res) {
      const path = (req.url ?? "/").split("?")[0];
      if ((req.method !== "GET" && req.method !== "HEAD") || (path !== "/api/health" && path !== "/api/ready")) return false;
      if (path === "/api/health") {
        reply(res, 200, { status: "ok" });
        return true;
      }
      readiness().then(
        (result) => reply(res, result.status === "ready" ? 200 : 503, result),
        (error: unknown) => {
          logger.error({ err: error }, "readiness probe failed");
          reply(res, 503, { status: "unready", checks: {} });
        },
      );
      return true;
    },
    drain() {
      draining = true;
    },
    async close() {
      await Promise.all(checks.map((check) => check.close?.()));
    },
  };
}
