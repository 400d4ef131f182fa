import { randomBytes } from "node:crypto";

import { env } from "@chat/env";
import postgres from "postgres";

import { type DatabaseHandle, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

/** An empty database on the PostgreSQL server named by DATABASE_URL, and the way to drop it. */
async function createScratchPostgres(serverUrl: string) {
  const name = `chat_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/**
 * A clean, migrated database for one test file: in-memory PGlite by default, or a fresh
 * database on the PostgreSQL server named by DATABASE_URL, dropped again on close.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  if (!env.DATABASE_URL) {
    const handle = await openDatabase();
    await migrateDatabase(handle);
    return handle;
  }
  const scratch = await createScratchPostgres(env.DATABASE_URL);
  const handle = await openDatabase({ url: scratch.url, maxConnections: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await scratch.drop();
    },
  };
}

/**
 * The environment for a server process started by a test: a fresh PostgreSQL database when
 * DATABASE_URL is set, else an embedded database in `dataDir`.
 */
export async function createTestServerEnv(dataDir: string): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (!env.DATABASE_URL) return { env: { DATA_DIR: dataDir }, drop: async () => undefined };
  const scratch = await createScratchPostgres(env.DATABASE_URL);
  return { env: { DATABASE_URL: scratch.url, DATA_DIR: dataDir }, drop: scratch.drop };
}
export { startPrivatePostgres, type PrivatePostgres } from "./private-postgres";
