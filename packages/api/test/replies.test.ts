import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { channelEvents, eq } from "@chat/db";

import { excerptOf } from "@chat/validators/excerpt";
import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const { owner, member, server, general } = await h.community("Replies");
  return { owner, member, server, channelId: general.id };
}

describe("replies", () => {
  it("carry a compact quote of the parent: its author and first line", async () => {
    const { owner, member, channelId } = await room();
    const parent = await owner.caller.message.send({ channelId, content: "\n  first line  \nsecond line" });
    const reply = await member.caller.message.send({ channelId, content: "agreed", replyToId: parent.id });
    const expected = { id: parent.id, deleted: false, author: { id: owner.id, username: owner.username, displayName: null, nickname: null, avatarUrl: null }, excerpt: "first line" };
    expect(reply.replyTo).toEqual(expected);
    const { items } = await member.caller.message.list({ channelId });
    expect(items[0]!.replyTo).toEqual(expected);
    expect(items[1]!.replyTo).toBeNull();
    expect((await owner.caller.message.get({ messageId: reply.id })).replyTo).toEqual(expected);
  });

  it("cut a long first line to 100 characters, ending with an ellipsis", () => {
    const quote = excerptOf("é".repeat(150));
    expect([...quote]).toHaveLength(100);
    expect(quote.endsWith("…")).toBe(true);
    expect(excerptOf("👍".repeat(100))).toBe("👍".repeat(100));
  });

  it("outlive the parent's deletion, which then quotes as deleted (also on replay from the log)", async () => {
    const { owner, member, channelId } = await room();
    const parent = await owner.caller.message.send({ channelId, content: "secret plans" });
    const reply = await member.caller.message.send({ channelId, content: "nice", replyToId: parent.id });
    await owner.caller.message.delete({ messageId: parent.id });
    const { items } = await member.caller.message.list({ channelId });
    expect(items.map((item) => item.id)).toEqual([reply.id]);
    expect(items[0]!.replyTo).toEqual({ id: parent.id, deleted: true, author: null, excerpt: "" });
    // The log keeps the parent's id only: its text is gone from the database.
    const logged = await h.handle.db.select().from(channelEvents).where(eq(channelEvents.messageId, BigInt(reply.id)));
    expect(JSON.stringify(logged.map((row) => row.message))).not.toContain("secret plans");
  });

  it("refuse a parent in another channel of the server (400) or out of sight (404)", async () => {
    const { owner, server, channelId } = await room();
    const other = await owner.caller.channel.create({ serverId: server.id, name: "other" });
    const elsewhere = await owner.caller.message.send({ channelId: other.id, content: "over there" });
    await expectCode(owner.caller.message.send({ channelId, content: "re", replyToId: elsewhere.id }), "BAD_REQUEST");
    await expectCode(owner.caller.message.send({ channelId, content: "re", replyToId: "12345" }), "NOT_FOUND");
    const stranger = await room();
    const hidden = await stranger.owner.caller.message.send({ channelId: stranger.channelId, content: "not yours" });
    await expectCode(owner.caller.message.send({ channelId, content: "re", replyToId: hidden.id }), "NOT_FOUND");
  });
});
