import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { eq, idTime, nextId, openDatabase, users } from "../src";
import { migrateDatabase } from "../src/migrate";
import { createTestDatabase } from "../src/testing";

describe("database client", () => {
  it("migrates idempotently and enforces case-insensitive uniqueness", async () => {
    const handle = await createTestDatabase();
    try {
      await migrateDatabase(handle); // a second run applies nothing and fails nothing
      const row = { username: "Alice", email: "alice@example.com", passwordHash: "x" };
      await handle.db.insert(users).values({ id: nextId(), ...row });
      await expect(handle.db.insert(users).values({ id: nextId(), ...row, username: "ALICE", email: "b@example.com" })).rejects.toThrow();
      await expect(handle.db.insert(users).values({ id: nextId(), ...row, username: "bob", email: "ALICE@example.com" })).rejects.toThrow();
    } finally {
      await handle.close();
    }
  });

  it("keeps the embedded database on disk across restarts", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "chat-rtc-db-"));
    try {
      const id = nextId();
      const first = await openDatabase({ dataDir: path.join(dir, "pglite") });
      await migrateDatabase(first);
      await first.db.insert(users).values({ id, username: "persisted", email: "p@example.com", passwordHash: "x" });
      await first.close();
      const second = await openDatabase({ dataDir: path.join(dir, "pglite") });
      const [row] = await second.db.select().from(users).where(eq(users.id, id));
      expect(row?.username).toBe("persisted");
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("snowflake ids", () => {
  it("encode their creation time", () => {
    const before = Date.now();
    const id = nextId();
    expect(Math.abs(idTime(id).getTime() - before)).toBeLessThan(1000);
  });
});
