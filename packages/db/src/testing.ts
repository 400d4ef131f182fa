import { randomBytes } from "node:crypto";

import { env } from "@chat/env";
import postgres from "postgres";

import { type DatabaseHandle, openDatabase } from "./client";
import { migrateDatabase } from "./migrate";

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
  const name = `chat_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), maxConnections: 5 });
  await migrateDatabase(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
