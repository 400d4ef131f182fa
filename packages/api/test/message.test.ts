import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { channels, eq, messages, nextId } from "@chat/db";

import { createMemoryRateLimiter } from "../src";
import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function channelOf(name: string) {
  const owner = await h.user(name);
  const server = await owner.caller.server.create({ name: "Messages" });
  const [general] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, server, channelId: general!.id };
}

/** Inserts `count` messages straight into the table, oldest first, and returns their ids. */
async function fill(channelId: string, authorId: string, count: number): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    channelId: BigInt(channelId),
    authorId: BigInt(authorId),
    content: `message ${i}`,
  }));
  await h.handle.db.insert(messages).values(rows);
  return rows.map((row) => String(row.id));
}

describe("sending", () => {
  it("returns the stored message with its author, and keeps text verbatim", async () => {
    const { owner, channelId } = await channelOf("sender");
    const content = "  <script>alert('x')</script>\n'; DROP TABLE messages; -- 👋🏽 ";
    const message = await owner.caller.message.send({ channelId, content });
    expect(message).toMatchObject({ channelId, content, author: { id: owner.id, username: owner.username }, editedAt: null });
    const { items } = await owner.caller.message.list({ channelId });
    expect(items[0]!.content).toBe(content);
  });

  it.each([
    ["empty content", ""],
    ["blank content", " \n\t "],
    ["4001 characters", "x".repeat(4001)],
    ["a NUL character", "a\u0000b"],
  ])("refuses %s with BAD_REQUEST", async (_label, content) => {
    const { owner, channelId } = await channelOf("sender");
    await expectCode(owner.caller.message.send({ channelId, content }), "BAD_REQUEST");
  });

  it("accepts exactly 4000 characters", async () => {
    const { owner, channelId } = await channelOf("sender");
    await owner.caller.message.send({ channelId, content: "x".repeat(4000) });
  });

  it("limits a burst to 5 messages per 5 s per user and channel, with TOO_MANY_REQUESTS", async () => {
    const limited = await createHarness({ rateLimiter: createMemoryRateLimiter() });
    try {
      const owner = await limited.user("burst");
      const server = await owner.caller.server.create({ name: "Burst" });
      const [general] = await owner.caller.channel.list({ serverId: server.id });
      const other = await owner.caller.channel.create({ serverId: server.id, name: "other" });
      for (let i = 0; i < 5; i++) await owner.caller.message.send({ channelId: general!.id, content: `m${i}` });
      await expectCode(owner.caller.message.send({ channelId: general!.id, content: "one too many" }), "TOO_MANY_REQUESTS");
      await owner.caller.message.send({ channelId: other.id, content: "another channel is fine" });
      const { items } = await owner.caller.message.list({ channelId: general!.id });
      expect(items).toHaveLength(5);
    } finally {
      await limited.close();
    }
  });
});

describe("history by keyset", () => {
  it("pages newest first with before, and walks all of history without gaps or repeats", async () => {
    const { owner, channelId } = await channelOf("reader");
    const ids = await fill(channelId, owner.id, 237);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await owner.caller.message.list({ channelId, before: cursor, limit: 50 });
      seen.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(seen).toEqual([...ids].reverse());
  });

  it("pages forward with after, still newest first within a page", async () => {
    const { owner, channelId } = await channelOf("reader");
    const ids = await fill(channelId, owner.id, 30);
    const first = await owner.caller.message.list({ channelId, after: ids[4], limit: 10 });
    expect(first.items.map((m) => m.id)).toEqual(ids.slice(5, 15).reverse());
    expect(first.nextCursor).toBe(ids[14]);
    const last = await owner.caller.message.list({ channelId, after: ids[24], limit: 10 });
    expect(last.items.map((m) => m.id)).toEqual(ids.slice(25).reverse());
    expect(last.nextCursor).toBeNull();
  });

  it("defaults to 50, accepts 1 to 100, and refuses 0, 101 or both cursors", async () => {
    const { owner, channelId } = await channelOf("reader");
    const ids = await fill(channelId, owner.id, 120);
    expect((await owner.caller.message.list({ channelId })).items).toHaveLength(50);
    expect((await owner.caller.message.list({ channelId, limit: 1 })).items).toHaveLength(1);
    expect((await owner.caller.message.list({ channelId, limit: 100 })).items).toHaveLength(100);
    await expectCode(owner.caller.message.list({ channelId, limit: 0 }), "BAD_REQUEST");
    await expectCode(owner.caller.message.list({ channelId, limit: 101 }), "BAD_REQUEST");
    await expectCode(owner.caller.message.list({ channelId, before: ids[50], after: ids[10] }), "BAD_REQUEST");
  });

  it("keeps messages whose author's account is gone, authored by nobody", async () => {
    const { owner, channelId } = await channelOf("reader");
    const ghost = await h.user("ghost");
    await ghost.caller.server.join({ inviteCode: (await owner.caller.server.list())[0]!.inviteCode! });
    await ghost.caller.message.send({ channelId, content: "boo" });
    const { users, eq } = await import("@chat/db");
    await h.handle.db.delete(users).where(eq(users.id, BigInt(ghost.id)));
    const { items } = await owner.caller.message.list({ channelId });
    expect(items[0]).toMatchObject({ content: "boo", author: null });
  });
});

describe("deleting", () => {
  it("deletes a message once; a second delete is NOT_FOUND", async () => {
    const { owner, channelId } = await channelOf("deleter");
    const message = await owner.caller.message.send({ channelId, content: "oops" });
    await owner.caller.message.delete({ messageId: message.id });
    await expectCode(owner.caller.message.delete({ messageId: message.id }), "NOT_FOUND");
    expect((await owner.caller.message.list({ channelId })).items).toEqual([]);
  });
});

describe("editing", () => {
  it("lets the author edit: new text, editedAt set; nobody else, whatever their role", async () => {
    const { owner, server, channelId } = await channelOf("editor");
    const member = await h.user("member");
    await member.caller.server.join({ inviteCode: server.inviteCode });
    const stranger = await h.user("stranger");
    const mine = await member.caller.message.send({ channelId, content: "tpyo" });
    const edited = await member.caller.message.edit({ messageId: mine.id, content: "typo" });
    expect(edited).toMatchObject({ id: mine.id, content: "typo", editedAt: expect.any(Date) });
    await expectCode(owner.caller.message.edit({ messageId: mine.id, content: "the owner's words" }), "FORBIDDEN");
    const theirs = await owner.caller.message.send({ channelId, content: "the owner's" });
    await expectCode(member.caller.message.edit({ messageId: theirs.id, content: "mine now" }), "FORBIDDEN");
    await expectCode(stranger.caller.message.edit({ messageId: mine.id, content: "hi" }), "NOT_FOUND");
    expect((await owner.caller.message.get({ messageId: mine.id })).content).toBe("typo");
  });
});

describe("snowflake ids", () => {
  it("are strictly increasing even within one millisecond", () => {
    const ids = Array.from({ length: 10_000 }, nextId);
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it("of a send pass the channel's last one, even one another instance took a few milliseconds ahead", async () => {
    const { owner, channelId } = await channelOf("floor");
    const floorOf = async () =>
      (await h.handle.db.select({ id: channels.lastMessageId }).from(channels).where(eq(channels.id, BigInt(channelId))))[0]!.id;
    const first = await owner.caller.message.send({ channelId, content: "first" });
    expect(await floorOf()).toBe(BigInt(first.id));
    // Another instance's clock runs 5 ms ahead: its message and the floor it raised are in the future.
    const ahead = nextId() + (5n << 22n);
    await h.handle.db.insert(messages).values({ id: ahead, channelId: BigInt(channelId), authorId: BigInt(owner.id), content: "ahead" });
    await h.handle.db.update(channels).set({ lastMessageId: ahead }).where(eq(channels.id, BigInt(channelId)));
    const next = await owner.caller.message.send({ channelId, content: "next" });
    expect(BigInt(next.id) > ahead).toBe(true);
    expect(await floorOf()).toBe(BigInt(next.id));
    const { items } = await owner.caller.message.list({ channelId });
    expect(items.map((message) => message.content)).toEqual(["next", "ahead", "first"]);
    // The answer is built without reading the row back: it is what history reads.
    expect(items[0]).toEqual(next);
  });
});
