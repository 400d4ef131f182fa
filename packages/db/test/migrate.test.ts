import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { env } from "@chat/env";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { openDatabase, rowsOf, sql, type DatabaseHandle } from "../src";
import { migrateDatabase, pendingMigrations } from "../src/migrate";
import { createTestServerEnv } from "../src/testing";

const migrationsFolder = path.resolve(import.meta.dirname, "../drizzle");
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
  entries: Array<{ tag: string }>;
};

/** Applies the committed migrations up to and including `lastTag` only, as an older release did. */
async function migrateUpTo(handle: DatabaseHandle, lastTag: string) {
  const folder = path.join(dir, "drizzle");
  cpSync(migrationsFolder, folder, { recursive: true });
  const entries = journal.entries.slice(0, journal.entries.findIndex((entry) => entry.tag === lastTag) + 1);
  writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
  if (handle.kind === "pglite") await migratePglite(handle.db, { migrationsFolder: folder });
  else await migratePostgres(handle.db, { migrationsFolder: folder });
}

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

  it("backfills each channel's last message id from the messages already there", async () => {
    const handle = await open();
    try {
      await migrateUpTo(handle, "0007_security_events");
      await handle.db.execute(sql`insert into users (id, username, email, password_hash) values (1, 'ana', 'ana@example.com', 'x')`);
      await handle.db.execute(sql`insert into servers (id, name, owner_id, invite_code) values (2, 'S', 1, 'invite')`);
      await handle.db.execute(sql`insert into channels (id, server_id, name) values (3, 2, 'busy'), (4, 2, 'empty')`);
      await handle.db.execute(sql`insert into messages (id, channel_id, author_id, content) values (10, 3, 1, 'a'), (30, 3, 1, 'c'), (20, 3, 1, 'b')`);
      await migrateDatabase(handle);
      const floors = await handle.db.execute(sql`select id::text, last_message_id::text from channels order by id`);
      const rows = Array.isArray(floors) ? floors : (floors as unknown as { rows: unknown[] }).rows;
      expect(rows).toEqual([
        { id: "3", last_message_id: "30" },
        { id: "4", last_message_id: "0" },
      ]);
    } finally {
      await handle.close();
    }
  });

  it("gives existing servers their built-in roles and their admins the Admin role", async () => {
    const handle = await open();
    try {
      await migrateUpTo(handle, "0008_channel_last_message_id");
      await handle.db.execute(sql`insert into users (id, username, email, password_hash) values
        (1, 'ana', 'ana@example.com', 'x'), (2, 'bo', 'bo@example.com', 'x'), (3, 'cy', 'cy@example.com', 'x')`);
      await handle.db.execute(sql`insert into servers (id, name, owner_id, invite_code) values (10, 'S', 1, 'a'), (20, 'T', 2, 'b')`);
      await handle.db.execute(sql`insert into server_members (server_id, user_id, role) values
        (10, 1, 'owner'), (10, 2, 'admin'), (10, 3, 'member'), (20, 2, 'owner'), (20, 3, 'admin')`);
      await migrateDatabase(handle);
      const roles = await rowsOf(
        handle.db.execute(sql`select server_id::text, name, position, permissions::text, built_in, id = server_id as server_id_is_id
          from roles order by server_id, position`),
      );
      // @everyone's defaults of 0010, and Change Nickname from 0014.
      expect(roles).toEqual([
        { server_id: "10", name: "@everyone", position: 0, permissions: "82447", built_in: "everyone", server_id_is_id: true },
        { server_id: "10", name: "Admin", position: 1, permissions: "32768", built_in: "admin", server_id_is_id: false },
        { server_id: "20", name: "@everyone", position: 0, permissions: "82447", built_in: "everyone", server_id_is_id: true },
        { server_id: "20", name: "Admin", position: 1, permissions: "32768", built_in: "admin", server_id_is_id: false },
      ]);
      const held = await rowsOf(
        handle.db.execute(sql`select m.server_id::text, m.user_id::text, r.built_in from member_roles m
          join roles r on r.id = m.role_id order by m.server_id, m.user_id`),
      );
      expect(held).toEqual([
        { server_id: "10", user_id: "2", built_in: "admin" },
        { server_id: "20", user_id: "3", built_in: "admin" },
      ]);
    } finally {
      await handle.close();
    }
  });

  it("lands existing channels uncategorised, in the order they were listed", async () => {
    const handle = await open();
    try {
      await migrateUpTo(handle, "0010_roles");
      await handle.db.execute(sql`insert into users (id, username, email, password_hash) values (1, 'ana', 'ana@example.com', 'x')`);
      await handle.db.execute(sql`insert into servers (id, name, owner_id, invite_code) values (10, 'S', 1, 'a'), (20, 'T', 1, 'b')`);
      await handle.db.execute(sql`insert into channels (id, server_id, name) values (12, 10, 'b'), (11, 10, 'a'), (21, 20, 'c'), (13, 10, 'c')`);
      await migrateDatabase(handle);
      const rows = await rowsOf(
        handle.db.execute(sql`select id::text, category_id, position, permissions_synced from channels order by server_id, position`),
      );
      expect(rows).toEqual([
        { id: "11", category_id: null, position: 0, permissions_synced: true },
        { id: "12", category_id: null, position: 1, permissions_synced: true },
        { id: "13", category_id: null, position: 2, permissions_synced: true },
        { id: "21", category_id: null, position: 0, permissions_synced: true },
      ]);
    } finally {
      await handle.close();
    }
  });

  it("keeps every channel and message as servers' channels, and gives existing @everyone roles Change Nickname", async () => {
    const handle = await open();
    try {
      await migrateUpTo(handle, "0012_people");
      await handle.db.execute(sql`insert into users (id, username, email, password_hash) values (1, 'ana', 'ana@example.com', 'x')`);
      await handle.db.execute(sql`insert into servers (id, name, owner_id, invite_code) values (10, 'S', 1, 'a')`);
      await handle.db.execute(sql`insert into roles (id, server_id, name, position, permissions, built_in) values (10, 10, '@everyone', 0, 15, 'everyone')`);
      await handle.db.execute(sql`insert into channels (id, server_id, name) values (11, 10, 'general')`);
      await handle.db.execute(sql`insert into messages (id, channel_id, author_id, content) values (100, 11, 1, 'kept')`);
      await migrateDatabase(handle);
      const channels = await rowsOf(handle.db.execute(sql`select id::text, kind, server_id::text, dm_key from channels`));
      expect(channels).toEqual([{ id: "11", kind: "text", server_id: "10", dm_key: null }]);
      const messages = await rowsOf(handle.db.execute(sql`select content, kind from messages`));
      expect(messages).toEqual([{ content: "kept", kind: "default" }]);
      const roles = await rowsOf(handle.db.execute(sql`select permissions::text from roles`));
      expect(roles).toEqual([{ permissions: String(15 | (1 << 16)) }]);
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
