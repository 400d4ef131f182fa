/**
 * What a run measures against: PostgreSQL + Redis when DATABASE_URL and REDIS_URL are set, the
 * embedded database otherwise; and how big it is: `full` (the sizes), or `smoke` (a few
 * seconds each, for CI), set by `--smoke` or BENCH_SCALE=smoke. These are the bench's own knobs,
 * read here once, not settings of the app (which @chat/env owns).
 */
import { webBuildIsFresh } from "./build";

// eslint-disable-next-line no-restricted-properties -- the bench's own settings and the URLs it hands to the servers
const environment = process.env;

export type Scale = "full" | "smoke";

export interface BenchConfig {
  databaseUrl?: string;
  redisUrl?: string;
  mode: "embedded" | "postgres+redis";
  scale: Scale;
  /** `--key=value` flags after the benchmark names, e.g. `--n=100,1000` or `--sends=50`. */
  flags: Map<string, string>;
  /** Where the JSON results go; the smoke test writes elsewhere so that it leaves the recorded ones alone. */
  resultsDir: string;
  /**
   * How the web app runs: a production build (full runs: built when missing or stale; smoke runs:
   * when a fresh one is there) or the development server (smoke runs without a build, which
   * measure nothing). `--dev` and `--prod` choose.
   */
  web: "production" | "development";
  /** Node options for the servers, e.g. `--cpu-prof --cpu-prof-dir=prof` (BENCH_SERVER_NODE_OPTIONS). */
  serverNodeOptions?: string;
}

export function readConfig(argv: string[], resultsDir: string): BenchConfig & { names: string[] } {
  const flags = new Map<string, string>();
  const names: string[] = [];
  for (const arg of argv) {
    const flag = /^--([\w-]+)(?:=(.*))?$/.exec(arg);
    if (flag) flags.set(flag[1]!, flag[2] ?? "true");
    else names.push(arg);
  }
  const databaseUrl = environment.DATABASE_URL || undefined;
  const redisUrl = environment.REDIS_URL || undefined;
  const scale: Scale = flags.has("smoke") || environment.BENCH_SCALE === "smoke" ? "smoke" : "full";
  return {
    names,
    databaseUrl,
    redisUrl,
    mode: databaseUrl && redisUrl ? "postgres+redis" : "embedded",
    scale,
    web: flags.has("dev") ? "development" : flags.has("prod") || scale === "full" || webBuildIsFresh() ? "production" : "development",
    flags,
    resultsDir: environment.BENCH_RESULTS_DIR ?? resultsDir,
    serverNodeOptions: environment.BENCH_SERVER_NODE_OPTIONS || undefined,
  };
}

/** The inherited environment (PATH and the like) for child processes. */
export function inheritedEnvironment(): Record<string, string> {
  const { DATABASE_URL: _d, REDIS_URL: _r, NODE_OPTIONS: _n, ...rest } = environment;
  return Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** A numeric flag (`--sends=200`), or the size for the scale. */
export function sizeFlag(config: BenchConfig, name: string, sizes: Record<Scale, number>): number {
  const value = config.flags.get(name);
  return value ? Number(value) : sizes[config.scale];
}

/** A list flag (`--n=100,1000`), or the sizes for the scale. */
export function listFlag(config: BenchConfig, name: string, sizes: Record<Scale, number[]>): number[] {
  const value = config.flags.get(name);
  return value ? value.split(",").map(Number) : sizes[config.scale];
}
