/**
 * Names people see (issue 17): per-server nicknames (one's own with CHANGE_NICKNAME, another's with
 * MANAGE_NICKNAMES on someone below), and the display name and nickname every message carries —
 * in a page of history, one message, reply quotes, search hits and live and replayed events.
 */
import { Permission, everyoneDefaults } from "@chat/policy/permission-flags";
import { limits } from "@chat/validators";
import { describe, expect, it } from "vitest";

import type { ChannelEvent } from "../src";
import { expectCode } from "./harness";
import { collector, useLiveInstance } from "./live-harness";

type Item = { id: string; data: ChannelEvent | { type: "ready" } };

const app = useLiveInstance();

/** A server with its owner, an admin and a member (who has a display name), and its first channel. */
async function room() {
  const c = await app.h.community("Names");
  const admin = await app.h.user("admin");
  await admin.caller.server.join({ inviteCode: c.server.inviteCode });
  await c.owner.caller.member.updateRole({ serverId: c.server.id, userId: admin.id, role: "admin" });
  await c.member.caller.user.updateProfile({ displayName: "Bo Display" });
  return { ...c, admin, serverId: c.server.id, channelId: c.general.id };
}

describe("nicknames", () => {
  it("a member sets and clears their own; the member list shows it beside the display name", async () => {
    const { member, owner, serverId } = await room();
    const set = await member.caller.member.setNickname({ serverId, userId: member.id, nickname: "  Bobby 🌸  " });
    expect(set).toMatchObject({ userId: member.id, username: member.username, displayName: "Bo Display", nickname: "Bobby 🌸" });
    const listed = (await owner.caller.member.list({ serverId })).find((m) => m.userId === member.id);
    expect(listed).toMatchObject({ displayName: "Bo Display", nickname: "Bobby 🌸" });
    expect((await owner.caller.member.list({ serverId })).find((m) => m.userId === owner.id)).toMatchObject({ displayName: null, nickname: null });

    expect((await member.caller.member.setNickname({ serverId, userId: member.id, nickname: null })).nickname).toBeNull();
    expect((await owner.caller.member.list({ serverId })).find((m) => m.userId === member.id)?.nickname).toBeNull();
  });

  it("refuses an empty or over-long nickname, control characters, and someone who is not a member", async () => {
    const { member, owner, serverId } = await room();
    const own = { serverId, userId: member.id };
    await expectCode(member.caller.member.setNickname({ ...own, nickname: "   " }), "BAD_REQUEST");
    await expectCode(member.caller.member.setNickname({ ...own, nickname: "x".repeat(limits.nickname.max + 1) }), "BAD_REQUEST");
    await expectCode(member.caller.member.setNickname({ ...own, nickname: "a\u0007b" }), "BAD_REQUEST");
    const stranger = await app.h.user("stranger");
    await expectCode(owner.caller.member.setNickname({ serverId, userId: stranger.id, nickname: "Who" }), "NOT_FOUND");
    await expectCode(stranger.caller.member.setNickname({ serverId, userId: stranger.id, nickname: "Me" }), "NOT_FOUND");
  });

  it("others' need MANAGE_NICKNAMES and someone below; one's own needs CHANGE_NICKNAME", async () => {
    const { owner, admin, member, serverId } = await room();
    expect((await owner.caller.member.setNickname({ serverId, userId: member.id, nickname: "By owner" })).nickname).toBe("By owner");
    expect((await admin.caller.member.setNickname({ serverId, userId: member.id, nickname: "By admin" })).nickname).toBe("By admin");
    const [entry] = (await owner.caller.audit.list({ serverId, action: "member.nickname" })).items;
    expect(entry).toMatchObject({ actor: { id: admin.id }, target: { id: member.id }, details: { from: "By owner", to: "By admin" } });
    await expectCode(admin.caller.member.setNickname({ serverId, userId: owner.id, nickname: "Boss" }), "FORBIDDEN");
    await expectCode(member.caller.member.setNickname({ serverId, userId: admin.id, nickname: "Nope" }), "FORBIDDEN");

    // A role that manages nicknames acts on members below it, not on its peers or those above.
    const mods = await owner.caller.role.create({ serverId, name: "Mods", permissions: String(Permission.MANAGE_NICKNAMES) });
    const mod = await app.h.user("mod");
    await mod.caller.server.join({ inviteCode: (await owner.caller.server.get({ serverId })).inviteCode! });
    await owner.caller.member.addRole({ serverId, userId: mod.id, roleId: mods.id });
    expect((await mod.caller.member.setNickname({ serverId, userId: member.id, nickname: "By mod" })).nickname).toBe("By mod");
    await expectCode(mod.caller.member.setNickname({ serverId, userId: admin.id, nickname: "Nope" }), "FORBIDDEN");

    // Without CHANGE_NICKNAME on @everyone, a member keeps the name they have.
    const withoutNicknames = String(everyoneDefaults & ~Permission.CHANGE_NICKNAME);
    await owner.caller.role.update({ serverId, roleId: serverId, permissions: withoutNicknames });
    await expectCode(member.caller.member.setNickname({ serverId, userId: member.id, nickname: "Mine" }), "FORBIDDEN");
  });

  it("reach member lists live on user.onEvent", async () => {
    const { owner, member, serverId } = await room();
    const stream = await owner.caller.user.onEvent();
    const reading = (async () => {
      for await (const event of stream) if (event.type === "member") return event; // leaving the loop ends the subscription
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await member.caller.member.setNickname({ serverId, userId: member.id, nickname: "Live" });
    expect(await reading).toMatchObject({ type: "member", serverId, member: { userId: member.id, displayName: "Bo Display", nickname: "Live" } });
  });
});

describe("authors' names in messages", () => {
  it("pages, single messages, reply quotes and search hits name the author with display name and nickname", async () => {
    const { owner, member, serverId, channelId } = await room();
    await member.caller.member.setNickname({ serverId, userId: member.id, nickname: "Bobby" });
    const parent = await member.caller.message.send({ channelId, content: "findable parent" });
    const names = { id: member.id, username: member.username, displayName: "Bo Display", nickname: "Bobby", avatarUrl: null };
    expect(parent.author).toEqual(names);
    const reply = await owner.caller.message.send({ channelId, content: "findable reply", replyToId: parent.id });
    expect(reply.author).toEqual({ id: owner.id, username: owner.username, displayName: null, nickname: null, avatarUrl: null });
    expect(reply.replyTo?.author).toEqual(names);

    // The page reads names as they are now, from the same statement.
    await member.caller.member.setNickname({ serverId, userId: member.id, nickname: "Robert" });
    const now = { ...names, nickname: "Robert" };
    const page = await owner.caller.message.list({ channelId });
    expect(page.items.find((m) => m.id === parent.id)?.author).toEqual(now);
    expect(page.items.find((m) => m.id === reply.id)?.replyTo?.author).toEqual(now);
    expect((await owner.caller.message.get({ messageId: reply.id })).replyTo?.author).toEqual(now);
    expect((await owner.caller.message.get({ messageId: parent.id })).author).toEqual(now);
    const hits = await owner.caller.message.search({ serverId, query: "findable" });
    expect(hits.items.find((hit) => hit.id === parent.id)?.author).toEqual(now);
    expect((await member.caller.message.edit({ messageId: parent.id, content: "findable, edited" })).author).toEqual(now);
  });

  it("live and replayed events carry the author's names; a DM's author has no nickname", async () => {
    const { owner, member, serverId, channelId } = await room();
    await member.caller.member.setNickname({ serverId, userId: member.id, nickname: "Bobby" });
    const events = collector<Item>();
    const watcher = app.instance.client(owner.token);
    watcher.api.message.onEvent.subscribe({ channelId }, events);
    await events.until(() => events.items.length === 1);
    const sent = await member.caller.message.send({ channelId, content: "hello" });
    await member.caller.message.edit({ messageId: sent.id, content: "hello again" });
    await events.until(() => events.items.length === 3);
    const names = { id: member.id, username: member.username, displayName: "Bo Display", nickname: "Bobby", avatarUrl: null };
    for (const item of events.items.slice(1)) expect(item.data).toMatchObject({ message: { author: names } });

    const replayed = collector<Item>();
    watcher.api.message.onEvent.subscribe({ channelId, lastEventId: events.items[0]!.id }, replayed);
    await replayed.until(() => replayed.items.some((item) => item.data.type === "updated"));
    const created = replayed.items.find((item) => item.data.type === "created");
    expect(created?.data).toMatchObject({ message: { id: sent.id, author: names } });

    const dm = await owner.caller.dm.open({ userId: member.id });
    const direct = await member.caller.message.send({ channelId: dm.id, content: "just us" });
    expect(direct.author).toEqual({ ...names, nickname: null });
    expect((await owner.caller.message.list({ channelId: dm.id })).items[0]?.author).toEqual({ ...names, nickname: null });
  });
});
