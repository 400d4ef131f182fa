import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { channelEvents, eq, messageReactions } from "@chat/db";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const { owner, member, server, general } = await h.community("Reactions");
  const message = await owner.caller.message.send({ channelId: general.id, content: "react to me" });
  return { owner, member, server, channelId: general.id, messageId: message.id };
}

const loggedEvents = async (channelId: string) =>
  (await h.handle.db.select().from(channelEvents).where(eq(channelEvents.channelId, BigInt(channelId)))).map((row) => row.type);

describe("reactions", () => {
  it("count one per user per emoji, with `me` for the viewer, in the order first used", async () => {
    const { owner, member, channelId, messageId } = await room();
    expect((await owner.caller.message.get({ messageId })).reactions).toEqual([]);
    await member.caller.reaction.add({ messageId, emoji: "👍" });
    await owner.caller.reaction.add({ messageId, emoji: "🎉" });
    const mine = await owner.caller.reaction.add({ messageId, emoji: "👍" });
    expect(mine.reactions).toEqual([
      { emoji: "👍", count: 2, me: true },
      { emoji: "🎉", count: 1, me: true },
    ]);
    const { items } = await member.caller.message.list({ channelId });
    expect(items[0]!.reactions).toEqual([
      { emoji: "👍", count: 2, me: true },
      { emoji: "🎉", count: 1, me: false },
    ]);
  });

  it("are idempotent: adding twice or removing what is not there changes nothing and logs nothing", async () => {
    const { owner, channelId, messageId } = await room();
    await owner.caller.reaction.add({ messageId, emoji: "👍🏽" });
    const before = await loggedEvents(channelId);
    expect((await owner.caller.reaction.add({ messageId, emoji: "👍🏽" })).reactions).toEqual([{ emoji: "👍🏽", count: 1, me: true }]);
    expect((await owner.caller.reaction.remove({ messageId, emoji: "🎉" })).reactions).toHaveLength(1);
    expect(await loggedEvents(channelId)).toEqual(before);
    expect((await owner.caller.reaction.remove({ messageId, emoji: "👍🏽" })).reactions).toEqual([]);
    expect(await loggedEvents(channelId)).toEqual([...before, "reaction"]);
  });

  it.each([["text", "ok"], ["two emoji", "👍👍"], ["an emoji with text", "👍!"], ["empty", ""]])(
    "refuse %s as an emoji with BAD_REQUEST",
    async (_label, emoji) => {
      const { owner, messageId } = await room();
      await expectCode(owner.caller.reaction.add({ messageId, emoji }), "BAD_REQUEST");
    },
  );

  it("accept flags, skin tones and joined sequences", async () => {
    const { owner, messageId } = await room();
    for (const emoji of ["🇫🇷", "👋🏿", "👨‍👩‍👧", "❤️"]) await owner.caller.reaction.add({ messageId, emoji });
    expect((await owner.caller.message.get({ messageId })).reactions).toHaveLength(4);
  });

  it("allow at most 20 distinct emoji on a message (CONFLICT), though more people may use those", async () => {
    const { owner, member, messageId } = await room();
    const twenty = [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂"];
    for (const emoji of twenty) await owner.caller.reaction.add({ messageId, emoji });
    await expectCode(member.caller.reaction.add({ messageId, emoji: "🤔" }), "CONFLICT");
    expect((await member.caller.reaction.add({ messageId, emoji: "😀" })).reactions[0]).toEqual({ emoji: "😀", count: 2, me: true });
  });

  it("never reach a message the caller cannot read: NOT_FOUND, and nothing stored or logged", async () => {
    const { channelId, messageId } = await room();
    const stranger = await h.user("stranger");
    const before = await loggedEvents(channelId);
    await expectCode(stranger.caller.reaction.add({ messageId, emoji: "👀" }), "NOT_FOUND");
    await expectCode(stranger.caller.reaction.remove({ messageId, emoji: "👀" }), "NOT_FOUND");
    expect(await h.handle.db.select().from(messageReactions).where(eq(messageReactions.messageId, BigInt(messageId)))).toEqual([]);
    expect(await loggedEvents(channelId)).toEqual(before);
  });

  it("go with their message", async () => {
    const { owner, member, messageId } = await room();
    await member.caller.reaction.add({ messageId, emoji: "👍" });
    await owner.caller.message.delete({ messageId });
    expect(await h.handle.db.select().from(messageReactions).where(eq(messageReactions.messageId, BigInt(messageId)))).toEqual([]);
  });
});
