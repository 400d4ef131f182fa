import { existsSync } from "node:fs";
import path from "node:path";

import type { z } from "zod";

import { productionProblems } from "./production";
import { type EnvKey, envSchema } from "./schema";
import { storageProblems } from "./storage";

/**
 * Every setting Chat RTC reads, parsed once. Other packages import `env` instead of touching
 * `process.env`, so a bad value stops the process at start-up with a message naming the variable.
 */
export type Env = z.output<typeof envSchema> & { DATA_DIR: string };
export type { EnvKey };

/** The names of every setting, for checks that a deployment file sets only real ones. */
export const envKeys = Object.keys(envSchema.shape) as EnvKey[];

export class EnvError extends Error {
  override name = "EnvError";
  constructor(readonly problems: Array<{ key: string; message: string }>) {
    super(`Invalid environment (see .env.example):\n${problems.map((p) => `  ${p.key}: ${p.message}`).join("\n")}`);
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => ({ key: String(issue.path[0] ?? "?"), message: issue.message })));
  }
  const problems = [...storageProblems(result.data), ...productionProblems(result.data)];
  if (problems.length > 0) throw new EnvError(problems);
  const { PUBLIC_URL, ALLOWED_ORIGINS } = result.data;
  // A run-time folder, not a build input: keep Next's file tracing out of it.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ result.data.DATA_DIR ?? path.join(workspaceRoot(), ".data"));
  return {
    ...result.data,
    ALLOWED_ORIGINS: PUBLIC_URL && !ALLOWED_ORIGINS.includes(PUBLIC_URL) ? [PUBLIC_URL, ...ALLOWED_ORIGINS] : ALLOWED_ORIGINS,
    DATA_DIR: dataDir,
  };
}

/** The folder holding pnpm-workspace.yaml, so `.data/` (and `backups/`) is the same whichever package runs. */
export function workspaceRoot(start = process.cwd()): string {
  let dir = start;
  while (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

/** Parses the process's environment; a bad one ends the process with the list of problems, not a stack trace. */
function loadProcessEnv(): Env {
  try {
    // eslint-disable-next-line no-restricted-properties -- the one place that reads process.env
    return parseEnv(process.env);
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

export const env: Env = loadProcessEnv();
