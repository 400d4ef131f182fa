/**
 * `pnpm db:backup` and `pnpm db:restore` as an operator runs them: back up a seeded database, wipe
 * it, restore it, and find every row again. On PostgreSQL (pg_dump/pg_restore) when DATABASE_URL is
 * set, else on the embedded PGlite folder.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { asc, channels, messages, nextId, openDatabase, serverMembers, servers, sql, users } from "../src";
import { migrateDatabase, pendingMigrations } from "../src/migrate";
import { createTestServerEnv } from "../src/testing";

let dir: string;
let scratch: Awaited<ReturnType<typeof createTestServerEnv>>;
const open = () =>
  openDatabase(scratch.env.DATABASE_URL ? { url: scratch.env.DATABASE_URL, maxConnections: 1 } : { dataDir: path.join(dir, "pglite") });

/** Runs one of the package's scripts the way `pnpm db:<name>` does, against the test's database. */
function script(name: "backup" | "restore", ...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", "tsx", `src/scripts/${name}.ts`, ...args], {
    cwd: path.resolve(import.meta.dirname, ".."),
    // eslint-disable-next-line no-restricted-properties -- the child needs PATH (and pg_dump on it)
    env: { PATH: process.env.PATH, NODE_ENV: "test", ...scratch.env },
    encoding: "utf8",
    timeout: 120_000, // a hung script fails the test instead of blocking the worker
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

async function snapshot() {
  const handle = await open();
  try {
    const { db } = handle;
    return {
      users: await db.select({ id: users.id, username: users.username, passwordHash: users.passwordHash }).from(users).orderBy(asc(users.id)),
      servers: await db.select().from(servers),
      members: await db.select().from(serverMembers).orderBy(asc(serverMembers.userId)),
      channels: await db.select().from(channels),
      messages: await db.select({ id: messages.id, content: messages.content, authorId: messages.authorId }).from(messages).orderBy(asc(messages.id)),
      pending: await pendingMigrations(handle),
    };
  } finally {
    await handle.close();
  }
}

async function wipe() {
  if (!scratch.env.DATABASE_URL) return rmSync(path.join(dir, "pglite"), { recursive: true, force: true });
  const handle = await open();
  await handle.db.execute(sql`drop schema public cascade; drop schema drizzle cascade; create schema public`);
  await handle.close();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chat-rtc-backup-"));
  scratch = await createTestServerEnv(dir);
  const handle = await open();
  await migrateDatabase(handle);
  const [alice, bob] = [nextId(), nextId()];
  const serverId = nextId();
  const channelId = nextId();
  await handle.db.insert(users).values([
    { id: alice, username: "alice", email: "alice@example.com", passwordHash: "$argon2id$alice" },
    { id: bob, username: "bob", email: "bob@example.com", passwordHash: "$argon2id$bob" },
  ]);
  await handle.db.insert(servers).values({ id: serverId, name: "Backed up", ownerId: alice, inviteCode: "backup0001" });
  await handle.db.insert(serverMembers).values([
    { serverId, userId: alice, role: "owner" },
    { serverId, userId: bob, role: "member" },
  ]);
  await handle.db.insert(channels).values({ id: channelId, serverId, name: "general" });
  await handle.db.insert(messages).values(
    Array.from({ length: 50 }, (_, i) => ({ id: nextId(), channelId, authorId: i % 2 ? alice : bob, content: `message ${i} ✓ “quoted”` })),
  );
  await handle.close();
});
afterAll(async () => {
  await scratch.drop();
  rmSync(dir, { recursive: true, force: true });
});

describe("backup and restore", () => {
  it("dumps a seeded database, and restores every row after a wipe", async () => {
    const before = await snapshot();
    expect(before.messages).toHaveLength(50);
    const file = path.join(dir, "backups", "chat.backup");

    const backup = script("backup", file);
    expect(backup.output).toContain("backup written");
    expect(backup.code).toBe(0);
    expect(existsSync(file)).toBe(true);

    await wipe();
    expect(script("restore", file)).toMatchObject({ code: 0 });
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to overwrite a database that holds data unless forced", async () => {
    const file = path.join(dir, "backups", "again.backup");
    expect(script("backup", file).code).toBe(0);
    const handle = await open();
    await handle.db.delete(messages);
    await handle.close();

    const refused = script("restore", file);
    expect(refused.code).toBe(3);
    expect(refused.output).toContain("--force");
    expect((await snapshot()).messages).toHaveLength(0);

    expect(script("restore", file, "--force")).toMatchObject({ code: 0 });
    expect((await snapshot()).messages).toHaveLength(50);
    if (!scratch.env.DATABASE_URL) {
      // The embedded folder that was replaced is kept beside the restored one.
      expect(readdirSync(dir).some((name) => name.startsWith("pglite.before-restore-"))).toBe(true);
    }
  });

  it("explains a missing file", () => {
    const missing = script("restore", path.join(dir, "nowhere.dump"));
    expect(missing.code).not.toBe(0);
    expect(missing.output).toContain("no backup at");
  });
});
