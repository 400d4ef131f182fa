import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import path from "node:path";

import { freePort } from "@chat/vitest-config/free-port";
import { waitUntilHealthy } from "@chat/server-kit/testing";

import { type BenchConfig, inheritedEnvironment } from "./config";
import { BENCH_AUTH_SECRET } from "./seed";

const repo = path.resolve(import.meta.dirname, "../../..");
const probe = path.join(import.meta.dirname, "memory-probe.ts");

export interface Memory {
  rss: number;
  heapUsed: number;
  /** Memory outside V8's heap that JavaScript objects hold (Buffers' bytes). */
  external: number;
  /** V8's code space (compiled code), within heapUsed. */
  code: number;
}

export interface RunningProcess {
  pid: number;
  port: number;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Its RSS and heap after a full GC. */
  memory(): Promise<Memory>;
  /** Writes a heap snapshot of it to `path`. */
  heapSnapshot(path: string): Promise<void>;
  /**
   * The CPU time it has used so far (user + system, every thread), in ms; null where /proc is
   * missing. Unlike latency, CPU per call holds on a machine that others load.
   */
  cpuMs(): number | null;
  stop(): Promise<void>;
}

/** Servers still running: killed if the bench process exits without stopping them (a failure, Ctrl-C). */
const children = new Set<ChildProcess>();
process.once("exit", () => children.forEach((child) => child.kill("SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

/** The last output of every process started in this run, for the report of a failed benchmark. */
const outputs = new Map<string, () => string>();
export function recentOutput(): string {
  return [...outputs].map(([name, output]) => `--- ${name}\n${output().slice(-4_000)}`).join("\n");
}

export interface ProcessOptions {
  cwd: string;
  entry: string;
  env: Record<string, string>;
  /** The variable that tells it its port. */
  portVariable: string;
  /** Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  healthPath?: string;
  /**
   * Loads the memory probe and opens an IPC channel to it. Not for the web process: Next.js takes
   * an IPC channel for its own parent's and waits on it.
   */
  memoryProbe?: boolean;
}

/**
 * An entry point run by node itself (no wrapper process: signals reach it), with tsx's loader for
 * TypeScript, the memory probe and an IPC channel, on a free port; resolves once its health check answers.
 */
export async function startProcess(options: ProcessOptions): Promise<RunningProcess> {
  const port = await freePort();
  // The probe is TypeScript: the loader comes with it even for a compiled entry.
  const loader = options.entry.endsWith(".ts") || options.memoryProbe ? ["--import", "tsx"] : [];
  const probeArgs = options.memoryProbe ? ["--import", probe] : [];
  const child = spawn(process.execPath, [...loader, ...probeArgs, ...(options.nodeArgs ?? []), options.entry], {
    cwd: options.cwd,
    env: { ...inheritedEnvironment(), ...options.env, [options.portVariable]: String(port) },
    stdio: options.memoryProbe ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000));
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  children.add(child);
  child.once("exit", () => children.delete(child));
  outputs.set(`${options.entry} on ${port}`, () => output);
  const url = `http://127.0.0.1:${port}`;
  const healthUrl = `${url}${options.healthPath ?? "/api/health"}`;
  await waitUntilHealthy({ child, healthUrl, name: options.entry, output: () => output, timeoutMs: 180_000 });
  return {
    pid: child.pid!,
    port,
    url,
    memory: () => askProbe<Memory>(child, "bench:memory", "memory").then(({ rss, heapUsed, external, code }) => ({ rss, heapUsed, external, code })),
    heapSnapshot: (path) => askProbe(child, { heapSnapshot: path }, "heap-snapshot").then(() => undefined),
    cpuMs: () => cpuMsOf(child.pid),
    stop: () => stopChild(child),
  };
}

/** utime + stime of a process from /proc/<pid>/stat (fields 14 and 15, in clock ticks of 10 ms). */
function cpuMsOf(pid: number | undefined): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** Asks the memory probe in `child` something and waits for its answer of kind `kind`. */
function askProbe<T>(child: ChildProcess, question: string | object, kind: string): Promise<T> {
  return new Promise((resolve, reject) => {
    if (!child.connected) return reject(new Error("this process runs without the memory probe"));
    const onMessage = (message: { kind?: string } & T) => {
      if (message.kind !== kind) return;
      child.off("message", onMessage);
      resolve(message);
    };
    child.on("message", onMessage);
    child.send(question);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Settings every product server of a run shares: the bench's secret, rate and connection limits out of the way, quiet logs. */
function productEnv(config: BenchConfig, databaseEnv: Record<string, string>, redisPrefix: string): Record<string, string> {
  return {
    ...databaseEnv,
    ...(config.mode === "postgres+redis" && config.redisUrl ? { REDIS_URL: config.redisUrl, REDIS_PREFIX: redisPrefix } : {}),
    AUTH_SECRET: BENCH_AUTH_SECRET,
    LOG_LEVEL: "warn",
    LOG_FORMAT: "json",
    NEXT_TELEMETRY_DISABLED: "1",
    // The benchmarks measure throughput, not the abuse limits (which have tests of their own).
    RATE_LIMIT_MESSAGE_SEND: "1000000/1s",
    RATE_LIMIT_LOGIN: "1000000/1s",
    RATE_LIMIT_LOGIN_ADDRESS: "1000000/1s",
    RATE_LIMIT_LOGIN_ACCOUNT: "1000000/1s",
    RATE_LIMIT_TYPING_START: "1000000/1s",
    // Thousands of clients connect from this one machine.
    WS_MAX_CONNECTIONS_PER_ADDRESS: "1000000",
    WS_MAX_CONNECTIONS_PER_USER: "1000000",
    RATE_LIMIT_CALLS: "1000000/1s",
  };
}

function nodeArgs(config: BenchConfig): string[] {
  return config.serverNodeOptions ? config.serverNodeOptions.split(/\s+/).filter(Boolean) : [];
}

/**
 * The web app (apps/web/server.ts): Next.js with /api/trpc, /api/v1 and /api/ws in one process,
 * as deployed (the production build, with the server compiled by it) or as the development server
 * (`config.web`).
 */
export function startWeb(config: BenchConfig, databaseEnv: Record<string, string>, redisPrefix = "bench:"): Promise<RunningProcess> {
  const production = config.web === "production";
  return startProcess({
    cwd: path.join(repo, "apps/web"),
    entry: production ? "dist/server.js" : "server.ts",
    portVariable: "PORT",
    env: { ...productEnv(config, databaseEnv, redisPrefix), NODE_ENV: production ? "production" : "development" },
    nodeArgs: nodeArgs(config),
  });
}

/** apps/realtime: the router over WebSocket only, as deployed in the scaled mode (compiled first: a second). */
export function startRealtime(config: BenchConfig, databaseEnv: Record<string, string>, redisPrefix = "bench:"): Promise<RunningProcess> {
  const cwd = path.join(repo, "apps/realtime");
  execFileSync("pnpm", ["run", "build"], { cwd, stdio: ["ignore", "ignore", "inherit"] });
  return startProcess({
    cwd,
    entry: "dist/main.js",
    portVariable: "WS_PORT",
    env: { ...productEnv(config, databaseEnv, redisPrefix), NODE_ENV: "production" },
    nodeArgs: nodeArgs(config),
    memoryProbe: true,
  });
}

/** A bench baseline server (bench/src/baselines/<entry>). */
export function startBaseline(entry: string, env: Record<string, string> = {}): Promise<RunningProcess> {
  return startProcess({ cwd: path.join(repo, "bench"), entry: `src/baselines/${entry}`, portVariable: "PORT", env, healthPath: "/health", memoryProbe: true });
}

/**
 * A Next.js route compiles on its first request in development: call each route the benchmark
 * uses once before measuring.
 */
export async function warm(url: string, paths: string[], headers: Record<string, string> = {}): Promise<void> {
  for (const route of paths) await fetch(`${url}${route}`, { headers }).then((r) => r.arrayBuffer(), () => undefined);
}
