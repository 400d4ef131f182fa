/**
 * Pins: who may pin, the 50-per-channel limit, the pins list, the audit log, and the `pinned` and
 * `unpinned` events, live over a real WebSocket and replayed from the log on resume.
 */
import { describe, expect, it } from "vitest";

import { channelEvents, eq, messages } from "@chat/db";

import type { ChannelEvent } from "../src";
import { expectCode } from "./harness";
import { collector, useLiveInstance } from "./live-harness";

type Item = { id: string; data: ChannelEvent | { type: "ready" } };

const app = useLiveInstance();

async function room() {
  const { owner, member, server, general } = await app.h.community("Pins");
  const message = await member.caller.message.send({ channelId: general.id, content: "pin me" });
  return { owner, member, server, channelId: general.id, messageId: message.id };
}

describe("pins", () => {
  it("are set by owners and admins, listed newest pinned first with who pinned and when, and audited", async () => {
    const { owner, member, server, channelId, messageId } = await room();
    const second = await member.caller.message.send({ channelId, content: "second" });
    const pinned = await owner.caller.message.pin({ messageId });
    expect(pinned).toMatchObject({ message: { id: messageId, content: "pin me" }, pinnedBy: { id: owner.id, username: owner.username } });
    expect(pinned.pinnedAt).toBeInstanceOf(Date);
    await owner.caller.message.pin({ messageId: second.id });

    const list = await member.caller.message.pins({ channelId });
    expect(list.map((pin) => pin.message.id)).toEqual([second.id, messageId]);
    const audit = await owner.caller.audit.list({ serverId: server.id });
    expect(audit.items.slice(0, 2).map((entry) => [entry.action, entry.target?.id])).toEqual([
      ["message.pin", second.id],
      ["message.pin", messageId],
    ]);

    await owner.caller.message.unpin({ messageId });
    expect((await member.caller.message.pins({ channelId })).map((pin) => pin.message.id)).toEqual([second.id]);
    expect((await owner.caller.audit.list({ serverId: server.id, action: "message.unpin" })).items).toHaveLength(1);
  });

  it("are refused to members (FORBIDDEN) and strangers (NOT_FOUND), and change nothing", async () => {
    const { member, channelId, messageId } = await room();
    const stranger = await app.h.user("stranger");
    await expectCode(member.caller.message.pin({ messageId }), "FORBIDDEN");
    await expectCode(member.caller.message.unpin({ messageId }), "FORBIDDEN");
    await expectCode(stranger.caller.message.pin({ messageId }), "NOT_FOUND");
    await expectCode(stranger.caller.message.pins({ channelId }), "NOT_FOUND");
    expect(await member.caller.message.pins({ channelId })).toEqual([]);
  });

  it("are idempotent: pinning twice or unpinning what is not pinned logs nothing", async () => {
    const { owner, channelId, messageId } = await room();
    const logged = async () => (await app.h.handle.db.select().from(channelEvents).where(eq(channelEvents.channelId, BigInt(channelId)))).length;
    await owner.caller.message.pin({ messageId });
    const before = await logged();
    await owner.caller.message.pin({ messageId });
    await owner.caller.message.unpin({ messageId });
    await owner.caller.message.unpin({ messageId });
    expect(await logged()).toBe(before + 1);
  });

  it("stop at 50 per channel with CONFLICT, also when pinned concurrently, and go with a deleted message", async () => {
    const { owner, channelId } = await room();
    const ids: string[] = [];
    for (let i = 0; i < 52; i++) ids.push((await owner.caller.message.send({ channelId, content: `m${i}` })).id);
    for (const messageId of ids.slice(0, 48)) await owner.caller.message.pin({ messageId });
    const racing = await Promise.allSettled(ids.slice(48).map((messageId) => owner.caller.message.pin({ messageId })));
    expect(racing.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    const refused = racing.find((result) => result.status === "rejected");
    expect(refused?.reason).toMatchObject({ code: "CONFLICT", message: "A channel holds at most 50 pins: unpin one first" });
    expect(await owner.caller.message.pins({ channelId })).toHaveLength(50);

    const [first] = await owner.caller.message.pins({ channelId });
    await owner.caller.message.delete({ messageId: first!.message.id });
    expect(await owner.caller.message.pins({ channelId })).toHaveLength(49);
    expect(await app.h.handle.db.select().from(messages).where(eq(messages.id, BigInt(first!.message.id)))).toEqual([]);
  });

  it("reach subscribers live as `pinned` and `unpinned` events, and replay on resume from lastEventId", async () => {
    const { owner, member, channelId, messageId } = await room();
    const watcher = app.instance.client(member.token);
    const live = collector<Item>();
    const subscription = watcher.api.message.onEvent.subscribe({ channelId }, live);
    await live.until(() => live.items.length === 1);
    await owner.caller.message.pin({ messageId });
    await live.until(() => live.items.length === 2);
    expect(live.items[1]!.data).toMatchObject({ type: "pinned", message: { id: messageId, channelId }, pin: { by: { id: owner.id } } });
    subscription.unsubscribe();

    await owner.caller.message.unpin({ messageId });
    const resumed = collector<Item>();
    watcher.api.message.onEvent.subscribe({ channelId, lastEventId: live.items[1]!.id }, resumed);
    await resumed.until(() => resumed.items.length === 1);
    const [unpinned] = resumed.items;
    expect(unpinned!.data).toMatchObject({ type: "unpinned", message: { id: messageId }, pin: { by: { username: owner.username } } });
    expect(unpinned!.data.type === "unpinned" && unpinned!.data.pin.at).toBeInstanceOf(Date);
  });
});
