import { Permission } from "@chat/policy/permission-flags";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const { owner, member: reader, server, general } = await h.community("Reading room");
  const news = await owner.caller.channel.create({ serverId: server.id, name: "news" });
  return { owner, reader, server, general, news };
}

const send = (caller: Awaited<ReturnType<Harness["user"]>>["caller"], channelId: string, content: string) =>
  caller.message.send({ channelId, content });

function channelState(list: Array<{ id: string; unreadCount: number; mentionCount: number; lastReadId: string }>, id: string) {
  const channel = list.find((c) => c.id === id)!;
  return { unreadCount: channel.unreadCount, mentionCount: channel.mentionCount };
}

describe("read state", () => {
  it("counts others' messages after the read position, per channel and per server", async () => {
    const { owner, reader, server, general, news } = await room();
    for (const text of ["one", "two", "three"]) await send(owner.caller, general.id, text);
    await send(owner.caller, news.id, "headline");
    await send(reader.caller, general.id, "my own message is never unread");

    const channels = await reader.caller.channel.list({ serverId: server.id });
    expect(channelState(channels, general.id)).toEqual({ unreadCount: 3, mentionCount: 0 });
    expect(channelState(channels, news.id)).toEqual({ unreadCount: 1, mentionCount: 0 });
    const [listed] = (await reader.caller.server.list()).filter((s) => s.id === server.id);
    expect(listed).toMatchObject({ unreadCount: 4, mentionCount: 0, muted: false });
    // For the owner, only the reader's message is news.
    expect((await owner.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ unreadCount: 1 });
  });

  it("marks read up to a message or the latest, never backwards and never past the latest", async () => {
    const { owner, reader, server, general } = await room();
    const sent = [];
    for (const text of ["a", "b", "c", "d"]) sent.push(await send(owner.caller, general.id, text));

    const partial = await reader.caller.channel.markRead({ channelId: general.id, messageId: sent[1]!.id });
    expect(partial).toEqual({ channelId: general.id, lastReadId: sent[1]!.id, unreadCount: 2, mentionCount: 0 });
    // Backwards is ignored.
    expect((await reader.caller.channel.markRead({ channelId: general.id, messageId: sent[0]!.id })).lastReadId).toBe(sent[1]!.id);
    // Without a message id: up to the latest.
    expect(await reader.caller.channel.markRead({ channelId: general.id })).toMatchObject({ lastReadId: sent[3]!.id, unreadCount: 0 });
    // A far-future id is clamped to the latest message, so later messages still count.
    await reader.caller.channel.markRead({ channelId: general.id, messageId: "999999999999999999" });
    await send(owner.caller, general.id, "e");
    const [state] = (await reader.caller.channel.list({ serverId: server.id })).filter((c) => c.id === general.id);
    expect(state).toMatchObject({ lastReadId: sent[3]!.id, unreadCount: 1 });
  });

  it("counts only what was said after a member joined, and caps counts at 100", async () => {
    const { owner, reader, server, general } = await room();
    for (let i = 0; i < 105; i++) await send(owner.caller, general.id, `backlog ${i}`);
    const late = await h.user("late");
    await late.caller.server.join({ inviteCode: server.inviteCode });
    expect(channelState(await late.caller.channel.list({ serverId: server.id }), general.id).unreadCount).toBe(0);
    expect(channelState(await reader.caller.channel.list({ serverId: server.id }), general.id).unreadCount).toBe(100);
  }, 60_000);

  it("counts mentions by name and @everyone, and muting keeps them", async () => {
    const { owner, reader, server, general } = await room();
    await send(owner.caller, general.id, "hello all");
    await send(owner.caller, general.id, `hi @${reader.username}`);
    await send(owner.caller, general.id, "@everyone meeting");
    await send(owner.caller, general.id, `@everyone, and you especially @${reader.username}`); // counts once
    // A member's @everyone is plain text, and mentioning oneself is not news.
    await send(reader.caller, general.id, `@everyone and @${reader.username}`);

    expect(channelState(await reader.caller.channel.list({ serverId: server.id }), general.id)).toEqual({ unreadCount: 4, mentionCount: 3 });
    expect(await reader.caller.server.setMuted({ serverId: server.id, muted: true })).toEqual({ serverId: server.id, muted: true });
    expect((await reader.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ muted: true, unreadCount: 4, mentionCount: 3 });
    // Muting is the reader's own: the owner's membership is untouched.
    expect((await owner.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ muted: false });
    await reader.caller.channel.markRead({ channelId: general.id });
    expect(channelState(await reader.caller.channel.list({ serverId: server.id }), general.id)).toEqual({ unreadCount: 0, mentionCount: 0 });
  });

  it("is only for members: another server's channel is NOT_FOUND", async () => {
    const { general, server } = await room();
    const stranger = await h.user("stranger");
    await expectCode(stranger.caller.channel.markRead({ channelId: general.id }), "NOT_FOUND");
    await expectCode(stranger.caller.server.setMuted({ serverId: server.id, muted: true }), "NOT_FOUND");
  });
});

describe("notification levels", () => {
  it("are only mentions for a server by default, and a channel follows its server until given its own", async () => {
    const { owner, reader, server, general, news } = await room();
    expect((await reader.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ notify: "mentions" });
    expect((await reader.caller.channel.list({ serverId: server.id })).map((c) => c.notify)).toEqual(["default", "default"]);

    expect(await reader.caller.server.setNotify({ serverId: server.id, level: "all" })).toEqual({ serverId: server.id, level: "all" });
    expect(await reader.caller.channel.setNotify({ channelId: news.id, level: "nothing" })).toEqual({
      serverId: server.id,
      channelId: news.id,
      level: "nothing",
    });
    // Choosing again replaces the choice.
    await reader.caller.channel.setNotify({ channelId: general.id, level: "all" });
    await reader.caller.channel.setNotify({ channelId: general.id, level: "mentions" });
    expect((await reader.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ notify: "all" });
    const levels = async (caller: typeof reader.caller) =>
      Object.fromEntries((await caller.channel.list({ serverId: server.id })).map((c) => [c.name, c.notify]));
    expect(await levels(reader.caller)).toEqual({ general: "mentions", news: "nothing" });
    // They are the reader's own.
    expect(await levels(owner.caller)).toEqual({ general: "default", news: "default" });
    expect((await owner.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ notify: "mentions" });

    expect(await reader.caller.channel.setNotify({ channelId: news.id, level: "default" })).toMatchObject({ level: "default" });
    await reader.caller.channel.setNotify({ channelId: news.id, level: "default" }); // clearing twice is harmless
    expect(await levels(reader.caller)).toEqual({ general: "mentions", news: "default" });

    // Leaving keeps a channel's choice, so that rejoining finds it, and a new membership hears mentions again.
    await reader.caller.server.leave({ serverId: server.id });
    await reader.caller.server.join({ inviteCode: server.inviteCode });
    expect((await reader.caller.server.list()).find((s) => s.id === server.id)).toMatchObject({ notify: "mentions" });
    expect(await levels(reader.caller)).toEqual({ general: "mentions", news: "default" });
  });

  it("are for members who see the channel, on a server's channels only, with a known level", async () => {
    const { owner, reader, server, general } = await room();
    const stranger = await h.user("stranger");
    await expectCode(stranger.caller.server.setNotify({ serverId: server.id, level: "all" }), "NOT_FOUND");
    await expectCode(stranger.caller.channel.setNotify({ channelId: general.id, level: "all" }), "NOT_FOUND");
    const secret = await owner.caller.channel.create({ serverId: server.id, name: "secret" });
    await owner.caller.overwrite.set({ channelId: secret.id, targetType: "member", targetId: reader.id, allow: "0", deny: String(Permission.VIEW_CHANNEL) });
    await expectCode(reader.caller.channel.setNotify({ channelId: secret.id, level: "all" }), "NOT_FOUND");

    await owner.caller.friend.request({ username: reader.username });
    await reader.caller.friend.accept({ userId: owner.id });
    const dm = await owner.caller.dm.open({ userId: reader.id });
    await expectCode(owner.caller.channel.setNotify({ channelId: dm.id, level: "all" }), "NOT_FOUND");

    await expectCode(reader.caller.server.setNotify({ serverId: server.id, level: "default" as "all" }), "BAD_REQUEST");
    await expectCode(reader.caller.channel.setNotify({ channelId: general.id, level: "loud" as "all" }), "BAD_REQUEST");
  });
});
