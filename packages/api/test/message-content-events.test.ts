/**
 * Edits, replies, mentions and reactions on message.onEvent over a real WebSocket: what the live
 * events carry, and that a resumed subscription replays them from the log.
 */
import { describe, expect, it } from "vitest";

import { type ChannelEvent, createMemoryRateLimiter } from "../src";
import { collector, useLiveInstance } from "./live-harness";

type Item = { id: string; data: ChannelEvent | { type: "ready" } };

const app = useLiveInstance({ rateLimiter: createMemoryRateLimiter() });

async function room() {
  const { owner, member, server, general } = await app.h.community("Room");
  return { owner, member, server, channelId: general.id };
}

const summary = (items: Item[]) => items.flatMap((item) => (item.data.type === "ready" ? [] : [`${item.data.type}:${item.data.message.id}`]));
const dataOf = (items: Item[]) => items.map((item) => item.data);

describe("message content events", () => {
  it("reaction events say who, which emoji, added or removed and the new count", async () => {
    const { owner, member, channelId } = await room();
    const message = await owner.caller.message.send({ channelId, content: "vote" });
    const events = collector<Item>();
    app.instance.client(member.token).api.message.onEvent.subscribe({ channelId }, events);
    await events.until(() => events.items.length === 1);

    await app.instance.client(owner.token).api.reaction.add.mutate({ messageId: message.id, emoji: "👍" });
    await member.caller.reaction.add({ messageId: message.id, emoji: "👍" });
    await owner.caller.reaction.remove({ messageId: message.id, emoji: "👍" });
    await events.until(() => events.items.length === 4);
    const ref = { id: message.id, channelId };
    expect(dataOf(events.items.slice(1))).toEqual([
      { type: "reaction", message: ref, reaction: { emoji: "👍", userId: owner.id, added: true, count: 1 } },
      { type: "reaction", message: ref, reaction: { emoji: "👍", userId: member.id, added: true, count: 2 } },
      { type: "reaction", message: ref, reaction: { emoji: "👍", userId: owner.id, added: false, count: 1 } },
    ]);
  });

  it("sends carry the reply quote and the mentions; reactions elsewhere do not reach this stream", async () => {
    const { owner, member, server, channelId } = await room();
    const other = await owner.caller.channel.create({ serverId: server.id, name: "elsewhere" });
    const elsewhere = await owner.caller.message.send({ channelId: other.id, content: "not here" });
    const parent = await owner.caller.message.send({ channelId, content: "question?" });
    const events = collector<Item>();
    app.instance.client(member.token).api.message.onEvent.subscribe({ channelId }, events);
    await events.until(() => events.items.length === 1);

    await owner.caller.reaction.add({ messageId: elsewhere.id, emoji: "👀" });
    const reply = await owner.caller.message.send({ channelId, content: `@${member.username} answer`, replyToId: parent.id });
    await events.until(() => events.items.length === 2);
    expect(events.items[1]!.data).toMatchObject({
      type: "created",
      message: { id: reply.id, mentionIds: [member.id], mentionsEveryone: false, replyTo: { id: parent.id, excerpt: "question?" } },
    });
    expect((events.items[1]!.data as ChannelEvent).message).not.toHaveProperty("reactions");
  });

  it("a resumed subscription replays edits and reactions, and quotes a parent deleted meanwhile as deleted", async () => {
    const { owner, member, channelId } = await room();
    const parent = await owner.caller.message.send({ channelId, content: "the original" });
    const watcher = app.instance.client(member.token);
    const first = collector<Item>();
    const subscription = watcher.api.message.onEvent.subscribe({ channelId }, first);
    await first.until(() => first.items.length === 1);
    const reply = await member.caller.message.send({ channelId, content: "a reply", replyToId: parent.id });
    await first.until(() => first.items.length === 2);
    subscription.unsubscribe();
    const lastEventId = first.items.at(-1)!.id;

    // Missed while away: an edit, reactions by two people, one taken back, and the parent deleted.
    await member.caller.message.edit({ messageId: reply.id, content: "a reply, edited" });
    await owner.caller.reaction.add({ messageId: reply.id, emoji: "🎉" });
    await member.caller.reaction.add({ messageId: reply.id, emoji: "🎉" });
    await owner.caller.reaction.remove({ messageId: reply.id, emoji: "🎉" });
    await owner.caller.message.delete({ messageId: parent.id });

    const resumed = collector<Item>();
    watcher.api.message.onEvent.subscribe({ channelId, lastEventId }, resumed);
    await resumed.until(() => resumed.items.length === 5);
    expect(summary(resumed.items)).toEqual([
      `updated:${reply.id}`,
      `reaction:${reply.id}`,
      `reaction:${reply.id}`,
      `reaction:${reply.id}`,
      `deleted:${parent.id}`,
    ]);
    expect(resumed.items[0]!.data).toMatchObject({
      message: { content: "a reply, edited", replyTo: { id: parent.id, deleted: true, excerpt: "" } },
    });
    expect(resumed.items.slice(1, 4).map((item) => (item.data.type === "reaction" ? item.data.reaction : null))).toEqual([
      { emoji: "🎉", userId: owner.id, added: true, count: 1 },
      { emoji: "🎉", userId: member.id, added: true, count: 2 },
      { emoji: "🎉", userId: owner.id, added: false, count: 1 },
    ]);
    expect(resumed.errors).toEqual([]);
  });
});
