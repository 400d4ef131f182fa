import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { env } from "@chat/env";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { openDatabase, type DatabaseHandle } from "../src";
import { migrateDatabase, pendingMigrations } from "../src/migrate";
import { createTestServerEnv } from "../src/testing";

const journal = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../drizzle/meta/_journal.json"), "utf8")) as {
  entries: Array<{ tag: string }>;
};

/** An empty, unmigrated database: a scratch PostgreSQL database, or PGlite in a fresh folder. */
let dir: string;
let scratch: Awaited<ReturnType<typeof createTestServerEnv>>;
const open = () =>
  openDatabase(scratch.env.DATABASE_URL ? { url: scratch.env.DATABASE_URL, maxConnections: 2 } : { dataDir: path.join(dir, "pglite") });

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chat-rtc-migrate-"));
  scratch = await createTestServerEnv(dir);
});
afterEach(async () => {
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("migrations", () => {
  it("reports what a database has not applied yet", async () => {
    const handle = await open();
    try {
      expect(await pendingMigrations(handle)).toEqual(journal.entries.map((entry) => entry.tag));
      await migrateDatabase(handle);
      expect(await pendingMigrations(handle)).toEqual([]);
    } finally {
      await handle.close();
    }
  });

  it("lets instances that start together migrate one at a time", async () => {
    // PGlite allows one opener per folder; PostgreSQL serves every instance of a deployment.
    const handles: DatabaseHandle[] = await Promise.all(Array.from({ length: env.DATABASE_URL ? 3 : 1 }, open));
    try {
      await Promise.all(handles.map((handle) => migrateDatabase(handle)));
      for (const handle of handles) expect(await pendingMigrations(handle)).toEqual([]);
    } finally {
      await Promise.all(handles.map((handle) => handle.close()));
    }
  });
});
