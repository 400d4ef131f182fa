import { randomBytes } from "node:crypto";

import { SESSION_TTL_SECONDS, hashPassword, secretKey, signSessionToken } from "@chat/auth";
import { type Database, builtInRoles, channels, nextId, roles, serverMembers, servers, sessions, users } from "@chat/db";

/** Every bench account's password; the servers get AUTH_SECRET so that seeded tokens verify. */
export const BENCH_PASSWORD = "correct horse battery staple";
export const BENCH_AUTH_SECRET = "bench-secret-bench-secret-bench-secret-0123456789";

export interface Person {
  id: bigint;
  email: string;
  token: string;
}

export interface Community {
  serverId: string;
  channelId: string;
  /** people[0] owns the server; the rest are members. */
  people: Person[];
}

const BATCH = 1_000;

/**
 * `count` accounts with a session each, all members of one server with one channel, written
 * straight to the database: the benchmarks load messages and connections, not sign-ups. They
 * share one real argon2id hash of BENCH_PASSWORD, so that logins do the real work.
 */
export async function seedCommunity(db: Database, count: number, onProgress?: (done: number) => void): Promise<Community> {
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const key = secretKey(BENCH_AUTH_SECRET);
  const run = randomBytes(3).toString("hex");
  const expiresAt = new Date(Date.now() + SESSION_TTL_SECONDS * 1000);
  const people: Person[] = [];
  const serverId = nextId();
  const channelId = nextId();
  for (let start = 0; start < count; start += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => ({
      id: nextId(),
      sessionId: nextId(),
      username: `bench_${run}_${start + i}`,
      email: `bench_${run}_${start + i}@example.com`,
    }));
    await db.insert(users).values(rows.map(({ id, username, email }) => ({ id, username, email, passwordHash })));
    await db.insert(sessions).values(rows.map((row) => ({ id: row.sessionId, userId: row.id, expiresAt })));
    if (start === 0) {
      await db.insert(servers).values({ id: serverId, name: "Bench", ownerId: rows[0]!.id, inviteCode: `bench${run}` });
      await db.insert(roles).values(builtInRoles(serverId));
      await db.insert(channels).values({ id: channelId, serverId, name: "general" });
    }
    await db.insert(serverMembers).values(
      rows.map((row, i) => ({ serverId, userId: row.id, role: start + i === 0 ? ("owner" as const) : ("member" as const) })),
    );
    for (const row of rows) {
      const token = await signSessionToken({ userId: String(row.id), sessionId: String(row.sessionId) }, key);
      people.push({ id: row.id, email: row.email, token });
    }
    onProgress?.(people.length);
  }
  return { serverId: String(serverId), channelId: String(channelId), people };
}
