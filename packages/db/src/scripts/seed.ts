/**
 * `pnpm db:seed`: a demo community to explore: five people (password "password123"), two servers,
 * a few channels and a few thousand messages spread over the last weeks. Safe to run twice.
 */
import { hashPassword } from "@chat/auth";
import { eq } from "drizzle-orm";

import { nextId } from "../ids";
import { migrateDatabase } from "../migrate";
import { closeProcessDatabase, getProcessDatabase } from "../process-database";
import { channels, messages, serverMembers, servers, users } from "../schema";

const MESSAGE_COUNT = 3000;
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

const handle = await getProcessDatabase();
await migrateDatabase(handle);
const { db } = handle;

const [existing] = await db.select().from(users).where(eq(users.username, "alice"));
if (existing) {
  console.log(JSON.stringify({ level: "info", msg: "already seeded: sign in as alice@example.com / password123" }));
} else {
  const passwordHash = await hashPassword("password123");
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
    for (const name of community.channels) {
      const channelId = nextId();
      channelIds.push(channelId);
      await db.insert(channels).values({ id: channelId, serverId, name });
    }
  }
  progress("servers", communities.length, communities.length);

  // Spread messages over the last 21 days; ids are generated in order, so history is chronological.
  const start = Date.now() - 21 * 24 * 3600_000;
  const step = (21 * 24 * 3600_000) / MESSAGE_COUNT;
  for (let done = 0; done < MESSAGE_COUNT; done += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, MESSAGE_COUNT - done) }, (_, i) => {
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
    progress("messages", done + rows.length, MESSAGE_COUNT);
  }
  console.log(JSON.stringify({ level: "info", msg: "seeded: sign in as alice@example.com / password123", messages: MESSAGE_COUNT }));
}
await closeProcessDatabase();
