import { mkdirSync } from "node:fs";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite, type PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres, { type Sql } from "postgres";

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

/**
 * postgres.js with every statement prepared. Drizzle asks for unnamed statements unless a query is
 * named, and postgres.js then describes each statement that has parameters in a round trip of its
 * own before it runs it. Prepared (per connection, by its text), a statement is parsed and planned
 * once and then runs in one round trip. Transactions' and savepoints' clients prepare the same way.
 */
function preparingStatements(client: Sql): Sql {
  return new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (key === "unsafe") {
        const unsafe = value as Sql["unsafe"];
        return ((query, parameters = [], options = {}) => unsafe(query, parameters, { ...options, prepare: true })) satisfies Sql["unsafe"];
      }
      if (key === "begin" || key === "savepoint") {
        const open = value as (...args: unknown[]) => Promise<unknown>;
        return (...args: unknown[]) => {
          const body = args.pop() as (inner: Sql) => unknown;
          return open(...args, (inner: Sql) => body(preparingStatements(inner)));
        };
      }
      return value;
    },
  });
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<DatabaseHandle> {
  if (options.url) {
    const client = postgres(options.url, { max: options.maxConnections ?? 10, onnotice: () => undefined });
    const db = drizzlePostgres({ client: preparingStatements(client), ...config });
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
