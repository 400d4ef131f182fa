import path from "node:path";

import { hashPassword } from "@chat/auth";
import { type Database, builtInRoles, channels, memberRoles, messages, nextId, openDatabase, roles, serverMembers, servers, users } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";

export const SEED_PASSWORD = "correct horse battery";

/** Writes into the database a test server will use, before it starts (PGlite allows one opener). */
export async function seedDatabase(databaseEnv: Record<string, string>, write: (db: Database) => Promise<void>): Promise<void> {
  const { DATABASE_URL: url, DATA_DIR: dataDir } = databaseEnv;
  const handle = await openDatabase(url ? { url } : { dataDir: path.join(dataDir!, "pglite") });
  try {
    await migrateDatabase(handle);
    await write(handle.db);
  } finally {
    await handle.close();
  }
}

export async function createUsers(db: Database, usernames: string[]): Promise<Map<string, bigint>> {
  const passwordHash = await hashPassword(SEED_PASSWORD);
  const rows = usernames.map((username) => ({ id: nextId(), username, email: `${username}@example.com`, passwordHash }));
  await db.insert(users).values(rows);
  return new Map(rows.map((row) => [row.username, row.id]));
}

interface ServerPlan {
  name: string;
  inviteCode: string;
  owner: bigint;
  admins?: bigint[];
  members: bigint[];
  channels: string[];
  topics?: Record<string, string>;
}

/** A server with its members and channels; returns the channel ids by name. */
export async function createServer(db: Database, plan: ServerPlan): Promise<Map<string, bigint>> {
  const serverId = nextId();
  await db.insert(servers).values({ id: serverId, name: plan.name, ownerId: plan.owner, inviteCode: plan.inviteCode });
  const role = (userId: bigint) => (userId === plan.owner ? "owner" : plan.admins?.includes(userId) ? "admin" : "member");
  const everyone = [plan.owner, ...(plan.admins ?? []), ...plan.members];
  await db.insert(serverMembers).values(everyone.map((userId) => ({ serverId, userId, role: role(userId) as "owner" | "admin" | "member" })));
  // As a server created through the API: @everyone and Admin, which the admins hold.
  const [, admin] = await db.insert(roles).values(builtInRoles(serverId)).returning({ id: roles.id });
  if (plan.admins?.length) await db.insert(memberRoles).values(plan.admins.map((userId) => ({ serverId, userId, roleId: admin!.id })));
  const ids = new Map(plan.channels.map((name) => [name, nextId()]));
  await db.insert(channels).values([...ids].map(([name, id], position) => ({ id, serverId, name, position, topic: plan.topics?.[name] ?? "" })));
  return ids;
}

/** Messages in the order given, with the times given; ids follow that order, as history expects. Returns the ids. */
export async function createMessages(db: Database, channelId: bigint, lines: { authorId: bigint; content: string; at: Date }[]): Promise<bigint[]> {
  const ids = lines.map(() => nextId());
  for (let start = 0; start < lines.length; start += 500) {
    const batch = lines.slice(start, start + 500);
    await db.insert(messages).values(batch.map((line, index) => ({ id: ids[start + index]!, channelId, authorId: line.authorId, content: line.content, createdAt: line.at })));
  }
  return ids;
}
