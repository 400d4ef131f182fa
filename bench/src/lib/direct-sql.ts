import { PGlite } from "@electric-sql/pglite";
import path from "node:path";
import postgres from "postgres";

import type { BenchDatabase } from "./database";

export type RunSql = (text: string, params: string[]) => Promise<unknown[]>;

/** A plain driver on the bench database (`postgres`, or PGlite while no server holds it), for the SQL baselines. */
export async function directSql(database: BenchDatabase): Promise<{ run: RunSql; close(): Promise<void> }> {
  if (database.url) {
    const client = postgres(database.url, { max: 1 });
    return { run: (text, params) => client.unsafe(text, params), close: () => client.end() };
  }
  const pglite = new PGlite(path.join(database.dataDir, "pglite"));
  await pglite.waitReady;
  return { run: async (text, params) => (await pglite.query(text, params)).rows, close: () => pglite.close() };
}
