import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";

import { env } from "@chat/env";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";

import { embeddedDatabaseDir } from "./process-database";

/**
 * Backups of either database. PostgreSQL: pg_dump's custom format, restored by pg_restore (the
 * client tools must be at least the server's major version). Embedded PGlite: its data folder as
 * a gzipped tarball (`dumpDataDir`), loaded into an empty folder; the server must be stopped, as
 * PGlite allows one process per folder.
 */
export type BackupTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dir: string };

export class RestoreRefused extends Error {
  override name = "RestoreRefused";
}

export function backupExtension(target: BackupTarget): string {
  return target.kind === "postgres" ? ".dump" : ".tar.gz";
}

export async function backupDatabase(target: BackupTarget, file: string): Promise<void> {
  if (target.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file], connectionEnv(target.url));
    return;
  }
  if (!existsSync(target.dir)) throw new Error(`no embedded database at ${target.dir}`);
  const pg = new PGlite(target.dir);
  await pg.waitReady;
  try {
    const archive = await pg.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await archive.arrayBuffer()));
  } finally {
    await pg.close();
  }
}

/**
 * Replaces the database with a backup. A database that holds tables (or a data folder that holds
 * files) is replaced only with `force`; the embedded folder is then moved aside, not deleted.
 */
export async function restoreDatabase(target: BackupTarget, file: string, options: { force?: boolean } = {}): Promise<void> {
  if (!existsSync(file)) throw new Error(`no backup at ${file}`);
  if (target.kind === "postgres") {
    if (!options.force && (await countTables(target.url)) > 0) {
      throw new RestoreRefused("the database already has tables: pass --force to replace them with the backup");
    }
    const dbname = decodeURIComponent(new URL(target.url).pathname.slice(1));
    const args = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error"];
    await run("pg_restore", [...args, "--dbname", dbname, file], connectionEnv(target.url));
    return;
  }
  if (existsSync(target.dir) && readdirSync(target.dir).length > 0) {
    if (!options.force) throw new RestoreRefused(`${target.dir} is not empty: pass --force to move it aside and restore`);
    renameSync(target.dir, `${target.dir}.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`);
  }
  const pg = new PGlite(target.dir, { loadDataDir: new Blob([readFileSync(file)]) });
  await pg.waitReady;
  await pg.close();
}

async function countTables(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql<Array<{ count: number }>>`select count(*)::int as count from information_schema.tables
      where table_schema not in ('pg_catalog', 'information_schema')`;
    return row?.count ?? 0;
  } finally {
    await sql.end();
  }
}

/** libpq's variables for a URL: the password stays out of the process list. */
function connectionEnv(url: string): Record<string, string> {
  const parsed = new URL(url);
  const sslmode = parsed.searchParams.get("sslmode");
  return {
    PGHOST: decodeURIComponent(parsed.hostname),
    PGPORT: parsed.port || "5432",
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
    ...(sslmode ? { PGSSLMODE: sslmode } : {}),
  };
}

function run(command: string, args: string[], extraEnv: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    // eslint-disable-next-line no-restricted-properties -- the client tools need PATH and locale from the caller
    const child = spawn(command, args, { env: { ...process.env, ...extraEnv }, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.once("error", (error) => reject(new Error(`${command} could not start (is it installed?): ${error.message}`)));
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

/** The database this process's settings name: DATABASE_URL, or the embedded one under DATA_DIR. */
export function processBackupTarget(): BackupTarget {
  return env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dir: embeddedDatabaseDir() };
}
