import { mkdirSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";

import * as schema from "./schema";

/** The one database type the rest of the code sees, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];

/** The rows of a raw statement: postgres-js answers with an array of rows, PGlite with `{ rows }`. */
export async function rowsOf<Row>(result: Promise<unknown>): Promise<Row[]> {
  const value = (await result) as Row[] | { rows: Row[] };
  return Array.isArray(value) ? value : value.rows;
}

export type DatabaseHandle =
  | { kind: "postgres"; db: PostgresJsDatabase<typeof schema>; url: string; close(): Promise<void> }
  | { kind: "pglite"; db: PgliteDatabase<typeof schema>; close(): Promise<void> };

export interface DatabaseOptions {
  /** A PostgreSQL URL; without it the embedded PGlite is used. */
  url?: string;
  /** Where PGlite keeps its files; without it PGlite lives in memory (tests). */
  dataDir?: string;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

const config = { schema, casing: "snake_case" } as const;

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => undefined });
    const db = drizzlePostgres({ client, ...config });
    return {
      db,
      kind: "postgres",
      url: options.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  if (options.dataDir) mkdirSync(path.dirname(options.dataDir), { recursive: true });
  const client = options.dataDir ? new PGlite(options.dataDir) : new PGlite();
  await client.waitReady;
  const db = drizzlePglite({ client, ...config });
  return {
    db,
    kind: "pglite",
    close: () => client.close(),
  };
}
