import { existsSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * Every setting Chat RTC reads, parsed once. Other packages import `env` instead of
 * touching `process.env`, so a bad value stops the process at start-up with a clear message.
 */
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** The standalone realtime server's port (apps/realtime). */
  WS_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  /** Browser origins allowed to open a WebSocket besides the server's own host, comma-separated. */
  ALLOWED_ORIGINS: z
    .string()
    .default("")
    .transform((value) => value.split(",").map((origin) => origin.trim()).filter(Boolean)),
  /** Prefixes Redis keys and channels, so that deployments sharing a Redis stay apart. */
  REDIS_PREFIX: z.string().default("chat:"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  DATA_DIR: z.string().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type Env = z.infer<typeof schema> & { DATA_DIR: string };

export function parseEnv(source: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  // A run-time folder, not a build input: keep Next's file tracing out of it.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ result.data.DATA_DIR ?? path.join(workspaceRoot(), ".data"));
  return { ...result.data, DATA_DIR: dataDir };
}

/** The folder holding pnpm-workspace.yaml, so `.data/` is the same whichever package runs. */
function workspaceRoot(start = process.cwd()): string {
  let dir = start;
  while (!existsSync(path.join(/*turbopackIgnore: true*/ dir, "pnpm-workspace.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return start;
    dir = parent;
  }
  return dir;
}

// eslint-disable-next-line no-restricted-properties -- the one place that reads process.env
export const env: Env = parseEnv(process.env);
