import path from "node:path";

import { env } from "@chat/env";

import { type DatabaseHandle, openDatabase } from "./client";

/**
 * The process's one database. Kept on globalThis because Next.js bundles its route handlers apart
 * from the custom server: both must share one pool, and PGlite allows a single opener per directory.
 */
const key = Symbol.for("chat-rtc.database");
type Holder = { [key]?: Promise<DatabaseHandle> };

/** Where the embedded database keeps its files. */
export function embeddedDatabaseDir(): string {
  return path.join(env.DATA_DIR, "pglite");
}

export function getProcessDatabase(): Promise<DatabaseHandle> {
  const holder = globalThis as Holder;
  holder[key] ??= openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: embeddedDatabaseDir() });
  return holder[key];
}

export async function closeProcessDatabase(): Promise<void> {
  const holder = globalThis as Holder;
  const pending = holder[key];
  delete holder[key];
  if (pending) await (await pending).close();
}
