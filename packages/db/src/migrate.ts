import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { sql } from "drizzle-orm";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

import { type Database, type DatabaseHandle, rowsOf } from "./client";

/**
 * Applying and inspecting the committed drizzle-kit migrations. Kept apart from the client so that
 * bundled code (Next.js route handlers) never has to resolve the migrations folder.
 */
const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
/** Any fixed number: every process migrating the same PostgreSQL database takes this lock in turn. */
const MIGRATION_LOCK = 7_283_920_117;

/** Applies the migrations that have not run yet; instances starting together take turns. */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  if (handle.kind === "pglite") return migratePglite(handle.db, { migrationsFolder });
  // A session-level lock on a connection of its own (not the pool's, which may have just one),
  // held while the pool runs the migrations.
  const lock = postgres(handle.url, { max: 1, onnotice: () => undefined });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(handle.db, { migrationsFolder });
  } finally {
    await lock.end({ timeout: 5 }); // ending the session releases the lock
  }
}

/** The committed migrations this database has not applied yet (their tags), oldest first. */
export async function pendingMigrations(handle: DatabaseHandle): Promise<string[]> {
  const db = handle.db as Database;
  const [table] = await rowsOf<{ found: boolean }>(db.execute(sql`select to_regclass('drizzle.__drizzle_migrations') is not null as found`));
  const [applied] = table?.found
    ? await rowsOf<{ last: string }>(db.execute(sql`select coalesce(max(created_at), 0)::text as last from drizzle.__drizzle_migrations`))
    : [];
  const last = Number(applied?.last ?? 0);
  // drizzle's migrator applies every migration newer than the newest one recorded; so does this count.
  return readJournal().filter((entry) => entry.when > last).map((entry) => entry.tag);
}

function readJournal(): Array<{ tag: string; when: number }> {
  const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: Array<{ tag: string; when: number }>;
  };
  return journal.entries;
}
