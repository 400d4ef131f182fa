import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { type IncomingMessage, request } from "node:http";
import { connect } from "node:net";

/** Helpers for tests that drive a real server process through its lifecycle (here and in apps). */

export interface Response {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A POST whose body the test sends when it chooses: the request stays in flight on the server
 * until `finish` is called.
 */
export function slowPost(port: number, path: string, body: string, headers: Record<string, string> = {}) {
  const req = request({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    headers: { ...headers, "content-length": Buffer.byteLength(body) },
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  const response = new Promise<Response>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.once("error", reject);
    });
  });
  return {
    finish() {
      req.end(body.slice(half));
      return response;
    },
    response,
  };
}

/** Whether a new TCP connection to the port is refused (a fresh socket: no pooled keep-alive one). */
export function connectionRefused(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNREFUSED" ? resolve(true) : reject(error)));
  });
}

/** Polls until `condition` holds (log lines are written when a response closes, just after the client has it). */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export interface ServerProcess {
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  logs(): string;
  /** Resolves with the first line of output that satisfies `match`, waiting for it if need be. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  signal(name: NodeJS.Signals): void;
  /** The exit code once the process has ended (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  /** The folder to start in, and the entry point in it: compiled JavaScript, or TypeScript (run with tsx's loader). */
  cwd: string;
  entry: string;
  /** Where the process listens; its environment must make it listen there. */
  port: number;
  env: Record<string, string>;
  /** Answers 200 once the process serves: /api/health by default. */
  healthPath?: string;
}

/**
 * Starts a server process as the Dockerfile does (node itself, so that signals reach the server),
 * and waits until its health check answers.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  const loader = options.entry.endsWith(".ts") ? ["--import", "tsx"] : [];
  const child = spawn(process.execPath, [...loader, options.entry], {
    cwd: options.cwd,
    // eslint-disable-next-line no-restricted-properties -- the child needs the caller's PATH
    env: { PATH: process.env.PATH, NODE_ENV: "development", NEXT_TELEMETRY_DISABLED: "1", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit").then(([code]) => code as number | null);
  const url = `http://127.0.0.1:${options.port}`;
  const running = () => child.exitCode === null && child.signalCode === null;
  await waitUntilHealthy({ child, healthUrl: `${url}${options.healthPath ?? "/api/health"}`, name: options.entry, output: () => output });
  return {
    url,
    port: options.port,
    logs: () => output,
    async waitForLine(match, timeoutMs = 30_000) {
      await until(() => output.split("\n").some(match), timeoutMs).catch(() => {
        throw new Error(`no such line in the output of ${options.entry}:\n${output}`);
      });
      return output.split("\n").find(match) ?? "";
    },
    signal: (name) => void child.kill(name),
    exited,
    async stop() {
      if (!running()) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Resolves once `healthUrl` answers 2xx; fails at once, with the process's output, if it exits
 * first, and after `timeoutMs` if it never answers: a reason, rather than a test's hook timeout.
 */
export async function waitUntilHealthy(options: {
  child: ChildProcess;
  healthUrl: string;
  name: string;
  output?: () => string;
  timeoutMs?: number;
}): Promise<void> {
  const { child, healthUrl, name, output = () => "", timeoutMs = 120_000 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await fetch(healthUrl).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${name} exited with ${child.exitCode ?? child.signalCode}:\n${output()}`);
    if (Date.now() > deadline) throw new Error(`${name} did not answer ${healthUrl} within ${timeoutMs / 1000} s:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

