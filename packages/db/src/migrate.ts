import { fileURLToPath } from "node:url";

import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";

import type { DatabaseHandle } from "./client";

/**
 * Applies the committed drizzle-kit migrations that have not run yet. Kept apart from the client
 * so that bundled code (Next.js route handlers) never has to resolve the migrations folder.
 */
export async function migrateDatabase(handle: DatabaseHandle): Promise<void> {
  const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
  if (handle.kind === "postgres") await migratePostgres(handle.db, { migrationsFolder });
  else await migratePglite(handle.db, { migrationsFolder });
}
