import { type Database, eq, messageMentions, messageReactions, messages } from "@chat/db";

import { createMessages, createServer, createUsers } from "./seed";

/** A realistic team conversation for the README screenshot: a reply, reactions, a mention of maya and an unread mention elsewhere. */
const people = ["maya", "leo", "priya", "sam", "jonas", "ana", "kofi"];

const yesterday: [string, string][] = [
  ["priya", "Release checklist for 1.4 is in the doc, please add anything I missed"],
  ["leo", "Added the migration note. Do we ship the new reconnect logic in this one?"],
  ["priya", "Yes, it's been on staging all week without a single dropped message 🎉"],
  ["sam", "I'll do the changelog tonight"],
];

const today: [string, string][] = [
  ["maya", "Morning all ☀️ Quick sync on the 1.4 release before standup?"],
  ["leo", "Sure. The migration ran clean on staging — 2.1M messages in 38 s."],
  ["leo", "Keyset pagination made the history endpoint flat, even for the oldest channels."],
  ["priya", "Nice! Load test from last night: 5k concurrent sockets, p99 fan-out 41 ms."],
  ["sam", "Changelog draft is up, and I wrote a short post for the blog:\n• faster reconnects\n• typing indicators\n• presence dots that actually update"],
  ["maya", "Love it. Can we also mention self-hosting with a single command?"],
  ["ana", "@maya design QA done — dark theme contrast passes AA everywhere I checked."],
  ["ana", "Small thing: the invite dialog copy button now says “Copied” for 2 s."],
  ["jonas", "Docs for `docker compose up` are merged, screenshots included 📸"],
  ["kofi", "Mobile layout looks great on my phone, the member list slides over nicely"],
  ["maya", "Then we're good to go. Tagging 1.4 after standup 🚀"],
];

export async function seedShowcase(db: Database): Promise<void> {
  const ids = await createUsers(db, people);
  const id = (name: string) => ids.get(name)!;
  const channels = await createServer(db, {
    name: "Chat RTC",
    inviteCode: "chatRtcTeam1",
    owner: id("maya"),
    admins: [id("priya")],
    members: people.filter((name) => name !== "maya" && name !== "priya").map(id),
    channels: ["general", "announcements", "engineering", "design", "random"],
    topics: { general: "Everything about the next release. Be kind, ship often." },
  });
  for (const [name, owner] of [["Book Club", "ana"], ["Weekend Hikes", "kofi"], ["Open Source", "leo"]] as const) {
    await createServer(db, { name, inviteCode: `${owner}Server01`, owner: id(owner), members: [id("maya")], channels: ["general"] });
  }

  const now = Date.now();
  const dayAgo = now - 24 * 3600_000;
  const lines = [
    ...yesterday.map(([name, content], index) => ({ authorId: id(name), content, at: new Date(dayAgo + index * 4 * 60_000) })),
    ...today.map(([name, content], index) => ({
      authorId: id(name),
      content,
      at: new Date(now - (today.length - index) * 3 * 60_000 - 20_000 * (index % 2)),
    })),
  ];
  const general = await createMessages(db, channels.get("general")!, lines);
  const message = (start: string) => general[lines.findIndex((line) => line.content.startsWith(start))]!;

  // Stored as message.send and reaction.add store them: the parent's id, the resolved mention, a row per reaction.
  await db.update(messages).set({ replyToId: message("Love it") }).where(eq(messages.id, message("Docs for")));
  await db.insert(messageMentions).values({ messageId: message("@maya design"), userId: id("maya") });
  const reactions: [string, string][] = [["👍", "leo"], ["👍", "priya"], ["👍", "sam"], ["🎉", "ana"]];
  await db.insert(messageReactions).values(
    reactions.map(([emoji, name], index) => ({ messageId: message("Then we're good"), userId: id(name), emoji, createdAt: new Date(now - 60_000 + index * 1000) })),
  );

  // Unread for maya (no channel_reads row: she has read nothing since she joined), so #engineering shows bold with a badge.
  const [ping] = await createMessages(db, channels.get("engineering")!, [
    { authorId: id("leo"), content: "@maya the reconnect PR is ready for review before we tag", at: new Date(now - 90_000) },
  ]);
  await db.insert(messageMentions).values({ messageId: ping!, userId: id("maya") });
}
