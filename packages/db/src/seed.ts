import { eq } from "drizzle-orm";

import type { Database } from "./client";
import { builtInRoles } from "./built-in-roles";
import { nextId } from "./ids";
import { channels, memberRoles, messages, roles, serverMembers, servers, users } from "./schema";

export const DEMO_MESSAGE_COUNT = 3000;
const BATCH = 500;
const people = ["alice", "bob", "carol", "dave", "erin"] as const;
const lines = [
  "Morning all! ☀️",
  "Has anyone tried the new release yet?",
  "Yes — the reconnect is so much smoother now.",
  "I'm reading *The Left Hand of Darkness* for the club, halfway through.",
  "Can we move the call to Thursday?",
  "Thursday works for me 👍",
  "Pushed a fix for the typing indicator, please review.",
  "LGTM, merging.",
  "Lunch? 🍜",
  "The deploy went out, dashboards look green.",
  "Anyone up for a walk later?",
  "That chapter ending though…",
  "Here's the agenda for tomorrow: 1) roadmap 2) bugs 3) snacks",
  "Thanks, that fixed it!",
  "I'll write up the notes.",
];

function progress(label: string, done: number, total: number) {
  process.stderr.write(`\r${label} ${done}/${total} (${Math.round((done / total) * 100)}%)`);
  if (done === total) process.stderr.write("\n");
}

/**
 * A demo community to explore: five people, two servers, a few channels and a few thousand
 * messages spread over the last weeks. Safe to run twice: false when it was there already. Every person's password hash is
 * `passwordHash` (the caller hashes, so that the database package needs no hashing library).
 */
export async function seedDemoCommunity(db: Database, passwordHash: string): Promise<boolean> {
  const [existing] = await db.select().from(users).where(eq(users.username, "alice"));
  if (existing) return false;
  const ids = people.map(() => nextId());
  await db.insert(users).values(people.map((name, i) => ({ id: ids[i]!, username: name, email: `${name}@example.com`, passwordHash })));
  progress("users", people.length, people.length);

  const communities = [
    { name: "Chat RTC HQ", channels: ["general", "engineering", "random"] },
    { name: "Book Club", channels: ["general", "this-month"] },
  ];
  const channelIds: bigint[] = [];
  for (const [index, community] of communities.entries()) {
    const serverId = nextId();
    await db.insert(servers).values({ id: serverId, name: community.name, ownerId: ids[index]!, inviteCode: `demo${index}Invite` });
    await db.insert(serverMembers).values(
      ids.map((userId, i) => ({ serverId, userId, role: i === index ? ("owner" as const) : i === 2 ? ("admin" as const) : ("member" as const) })),
    );
    const [, admin] = await db.insert(roles).values(builtInRoles(serverId)).returning({ id: roles.id });
    if (index !== 2) await db.insert(memberRoles).values({ serverId, userId: ids[2]!, roleId: admin!.id });
    for (const [position, name] of community.channels.entries()) {
      const channelId = nextId();
      channelIds.push(channelId);
      await db.insert(channels).values({ id: channelId, serverId, name, position });
    }
  }
  progress("servers", communities.length, communities.length);

  // Spread messages over the last 21 days; ids are generated in order, so history is chronological.
  const start = Date.now() - 21 * 24 * 3600_000;
  const step = (21 * 24 * 3600_000) / DEMO_MESSAGE_COUNT;
  for (let done = 0; done < DEMO_MESSAGE_COUNT; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, DEMO_MESSAGE_COUNT - done) }, (_, i) => {
      const n = done + i;
      return {
        id: nextId(),
        channelId: channelIds[n % channelIds.length]!,
        authorId: ids[(n * 7) % ids.length]!,
        content: lines[(n * 5) % lines.length]!,
        createdAt: new Date(start + n * step),
      };
    });
    await db.insert(messages).values(rows);
    progress("messages", done + rows.length, DEMO_MESSAGE_COUNT);
  }
  return true;
}
