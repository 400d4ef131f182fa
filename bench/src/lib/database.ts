import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { type DatabaseHandle, openDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import postgres from "postgres";

import type { BenchConfig } from "./config";

export interface BenchDatabase {
  kind: "pglite" | "postgres";
  /** What the servers need to use it: DATABASE_URL, or DATA_DIR for the embedded database. */
  env: Record<string, string>;
  /** Opens it from the bench process. PGlite allows one opener: close it before a server starts. */
  open(): Promise<DatabaseHandle>;
  /** A `postgres` client on it (PostgreSQL only), for the direct-SQL baselines. */
  url?: string;
  dataDir: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one benchmark: `chat_bench_<name>_<random>` on the PostgreSQL
 * server of DATABASE_URL (dropped at the end), or an embedded one in a temporary folder.
 */
export async function createBenchDatabase(config: BenchConfig, name: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `chat-bench-${name}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  let database: BenchDatabase;
  if (config.databaseUrl) {
    const dbName = `chat_bench_${name.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
    const admin = postgres(config.databaseUrl, { max: 1, onnotice: () => undefined });
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const url = new URL(config.databaseUrl);
    url.pathname = `/${dbName}`;
    database = {
      kind: "postgres",
      env: { DATABASE_URL: url.toString(), DATA_DIR: dataDir },
      url: url.toString(),
      dataDir,
      open: () => openDatabase({ url: url.toString(), maxConnections: 4 }),
      async drop() {
        await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
        await admin.end();
        removeDir();
      },
    };
  } else {
    database = {
      kind: "pglite",
      env: { DATA_DIR: dataDir },
      dataDir,
      // Where the servers' getProcessDatabase() looks: DATA_DIR/pglite.
      open: () => openDatabase({ dataDir: path.join(dataDir, "pglite") }),
      drop: async () => removeDir(),
    };
  }
  const handle = await database.open();
  await migrateDatabase(handle);
  await handle.close();
  return database;
}
