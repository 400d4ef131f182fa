/**
 * user.onEvent over a real WebSocket with @trpc/client: unread bumps from every server the user
 * is in, read state and mutes from their other tabs, channel changes and membership, filtered per
 * user from one publish per server.
 */
import { Permission } from "@chat/policy/permission-flags";
import { describe, expect, it } from "vitest";

import type { UserEvent } from "../src";
import { topics } from "../src/live/signals";
import { collector, eventually, useLiveInstance } from "./live-harness";

const app = useLiveInstance();

async function room(name = "Room") {
  const owner = await app.h.user("owner");
  const reader = await app.h.user("reader");
  const server = await owner.caller.server.create({ name });
  await reader.caller.server.join({ inviteCode: server.inviteCode });
  const [general] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, reader, server, general: general! };
}

/** The user's event stream, started and synced. */
async function watch(token: string) {
  const events = collector<UserEvent>();
  const subscription = app.instance.client(token).api.user.onEvent.subscribe(undefined, events);
  await events.until(() => events.items.some((e) => e.type === "sync"));
  const next = async (type: UserEvent["type"], count = 1) => {
    await events.until(() => events.items.filter((e) => e.type === type).length >= count);
    return events.items.filter((e) => e.type === type).at(count - 1)!;
  };
  return { events, next, stop: () => subscription.unsubscribe() };
}

describe("user.onEvent", () => {
  it("bumps unread for others' messages, never for one's own, and never reads the database per delivery", async () => {
    const { owner, reader, server, general } = await room();
    const live = await watch(reader.token);
    const sent = await owner.caller.message.send({ channelId: general.id, content: "news" });
    expect(await live.next("message")).toEqual({
      type: "message",
      serverId: server.id,
      channelId: general.id,
      messageId: sent.id,
      mentioned: false,
      reply: false,
      preview: null,
    });
    await reader.caller.message.send({ channelId: general.id, content: "mine" });
    await owner.caller.message.send({ channelId: general.id, content: "second" });
    await live.next("message", 2);
    expect(live.events.items.filter((e) => e.type === "message")).toHaveLength(2);

    await owner.caller.message.delete({ messageId: sent.id });
    expect(await live.next("messageDeleted")).toEqual({ type: "messageDeleted", serverId: server.id, channelId: general.id, messageId: sent.id });
    live.stop();
    await eventually(() => app.h.realtime.bus.listenerCount(topics.activity(server.id)) === 0);
  });

  it("previews mentions and replies for whom they concern, and only for them", async () => {
    const { owner, reader, server, general } = await room();
    const bystander = await app.h.user("bystander");
    await bystander.caller.server.join({ inviteCode: server.inviteCode });
    const live = await watch(reader.token);
    const aside = await watch(bystander.token);
    await owner.caller.message.send({ channelId: general.id, content: `@${reader.username} look at this` });
    expect(await live.next("message")).toMatchObject({
      mentioned: true,
      reply: false,
      preview: { author: owner.username, channelName: "general", excerpt: `@${reader.username} look at this` },
    });
    expect(await aside.next("message")).toMatchObject({ mentioned: false, preview: null });

    const question = await reader.caller.message.send({ channelId: general.id, content: "a question" });
    await owner.caller.message.send({ channelId: general.id, content: "an answer", replyToId: question.id });
    expect(await live.next("message", 2)).toMatchObject({ mentioned: false, reply: true, preview: { excerpt: "an answer" } });
    await owner.caller.message.send({ channelId: general.id, content: "@everyone gather" });
    expect(await aside.next("message", 4)).toMatchObject({ mentioned: true, preview: { excerpt: "@everyone gather" } });
    live.stop();
    aside.stop();
  });

  it("previews by the reader's level: every message for all, none for nothing, a channel's over the server's, changed from another tab", async () => {
    const { owner, reader, server, general } = await room();
    const news = await owner.caller.channel.create({ serverId: server.id, name: "news" });
    const live = await watch(reader.token);
    const say = (channelId: string, content: string) => owner.caller.message.send({ channelId, content });
    const messages = async (count: number) => {
      await live.next("message", count);
      return live.events.items.flatMap((e) => (e.type === "message" ? [[e.mentioned, e.preview?.excerpt ?? null]] : []));
    };

    // Set in another tab: this stream hears of it, and previews by it from the next message on.
    await reader.caller.server.setNotify({ serverId: server.id, level: "all" });
    expect(await live.next("notify")).toEqual({ type: "notify", serverId: server.id, channelId: null, level: "all" });
    await say(general.id, "plain");
    await reader.caller.channel.setNotify({ channelId: general.id, level: "nothing" });
    expect(await live.next("notify", 2)).toEqual({ type: "notify", serverId: server.id, channelId: general.id, level: "nothing" });
    await say(general.id, `@${reader.username} hello`);
    await say(news.id, "news");
    await reader.caller.channel.setNotify({ channelId: general.id, level: "default" });
    await live.next("notify", 3);
    await reader.caller.server.setNotify({ serverId: server.id, level: "mentions" });
    await live.next("notify", 4);
    await say(general.id, "plain again");
    await say(general.id, `@${reader.username} again`);
    // A mention still counts (mentioned) under "nothing"; it only raises no preview.
    expect(await messages(5)).toEqual([
      [false, "plain"],
      [true, null],
      [false, "news"],
      [false, null],
      [true, `@${reader.username} again`],
    ]);
    live.stop();

    // A stream that starts reads the levels chosen before it.
    await reader.caller.channel.setNotify({ channelId: news.id, level: "all" });
    const later = await watch(reader.token);
    await say(news.id, "read at the start");
    expect(await later.next("message")).toMatchObject({ channelId: news.id, preview: { excerpt: "read at the start" } });
    // A channel's choice outlives leaving the server; the server's is the membership's, new on rejoining ("mentions").
    await reader.caller.server.setNotify({ serverId: server.id, level: "all" });
    await later.next("notify");
    await reader.caller.server.leave({ serverId: server.id });
    await reader.caller.server.join({ inviteCode: server.inviteCode });
    await later.next("membership", 2);
    await say(news.id, "welcome back");
    await say(general.id, "plain after rejoining");
    expect(await later.next("message", 3)).toMatchObject({ channelId: general.id, preview: null });
    expect(later.events.items.filter((e) => e.type === "message")[1]).toMatchObject({ channelId: news.id, preview: { excerpt: "welcome back" } });
    later.stop();
  });

  it("carries read state and mutes from the user's other tabs", async () => {
    const { owner, reader, server, general } = await room();
    const sent = await owner.caller.message.send({ channelId: general.id, content: "read me" });
    const live = await watch(reader.token);
    await reader.caller.channel.markRead({ channelId: general.id });
    expect(await live.next("read")).toEqual({ type: "read", serverId: server.id, channelId: general.id, lastReadId: sent.id });
    await reader.caller.server.setMuted({ serverId: server.id, muted: true });
    expect(await live.next("muted")).toEqual({ type: "muted", serverId: server.id, muted: true });
    live.stop();
  });

  it("follows channel changes", async () => {
    const { owner, reader, server } = await room();
    const live = await watch(reader.token);
    // One change at a time: each is read against the channels as they then are, and a rename read
    // after the deletion already committed would find the channel gone (it is then told as deleted).
    const created = await owner.caller.channel.create({ serverId: server.id, name: "new" });
    await live.next("channel", 1);
    await owner.caller.channel.update({ channelId: created.id, name: "renamed" });
    await live.next("channel", 2);
    await owner.caller.channel.delete({ channelId: created.id });
    await live.next("channel", 3);
    const changes = live.events.items.flatMap((e) => (e.type === "channel" ? [[e.action, "name" in e.channel ? e.channel.name : e.channel.id]] : []));
    expect(changes).toEqual([
      ["created", "new"],
      ["updated", "renamed"],
      ["deleted", created.id],
    ]);
    live.stop();
  });

  it("follows role changes: every role as it now stands after each change, and a member's roles as they are given and taken", async () => {
    const { owner, reader, server } = await room();
    const live = await watch(reader.token);
    const mods = await owner.caller.role.create({ serverId: server.id, name: "Mods", colour: 0x3498db });
    await owner.caller.role.update({ serverId: server.id, roleId: mods.id, name: "Moderators", hoist: true });
    const crew = await owner.caller.role.create({ serverId: server.id, name: "Crew" });
    await owner.caller.role.move({ serverId: server.id, roleId: mods.id, position: 1 });
    await owner.caller.role.delete({ serverId: server.id, roleId: crew.id });
    await live.next("roles", 5);
    const lists = live.events.items.flatMap((e) => (e.type === "roles" ? [e.roles.map((role) => role.name)] : []));
    expect(lists).toEqual([
      ["Admin", "Mods", "@everyone"],
      ["Admin", "Moderators", "@everyone"],
      ["Admin", "Moderators", "Crew", "@everyone"],
      ["Admin", "Crew", "Moderators", "@everyone"],
      ["Admin", "Moderators", "@everyone"],
    ]);
    expect(live.events.items.find((e) => e.type === "roles")).toMatchObject({ serverId: server.id, roles: [{}, { id: mods.id, colour: 0x3498db }, {}] });

    await owner.caller.member.addRole({ serverId: server.id, userId: reader.id, roleId: mods.id });
    await owner.caller.member.removeRole({ serverId: server.id, userId: reader.id, roleId: mods.id });
    await live.next("member", 2);
    const held = live.events.items.flatMap((e) => (e.type === "member" ? [[e.member.userId, e.member.roleIds]] : []));
    expect(held).toEqual([
      [reader.id, [mods.id]],
      [reader.id, []],
    ]);
    live.stop();
  });

  it("follows channel moves and category changes, for every member's sidebar", async () => {
    const { owner, reader, server, general } = await room();
    const live = await watch(reader.token);
    const category = await owner.caller.category.create({ serverId: server.id, name: "Text" });
    await owner.caller.channel.move({ channelId: general.id, categoryId: category.id, position: 0 });
    await owner.caller.category.update({ categoryId: category.id, name: "Chat" });
    await owner.caller.category.move({ categoryId: category.id, position: 0 });
    await owner.caller.category.delete({ categoryId: category.id });
    await live.next("category", 4);
    const seen = live.events.items.flatMap((e) =>
      e.type === "category" ? [[e.action, "name" in e.category ? e.category.name : e.category.id]] : e.type === "channel" ? [[e.action, e.channel.id]] : [],
    );
    expect(seen).toEqual([
      ["created", "Text"],
      ["moved", general.id],
      ["updated", "Chat"],
      ["moved", "Chat"],
      ["deleted", category.id],
    ]);
    const moved = live.events.items.find((e) => e.type === "channel");
    expect(moved).toMatchObject({ serverId: server.id, channel: { id: general.id, categoryId: category.id, position: 0 } });
    live.stop();
  });

  it("tells nothing of a category the member cannot see, until a channel in it shows, and nothing once it goes", async () => {
    const { owner, reader, server, general } = await room();
    const live = await watch(reader.token);
    const manager = await watch(owner.token);
    const view = String(Permission.VIEW_CHANNEL);
    const category = await owner.caller.category.create({ serverId: server.id, name: "Staff" });
    await owner.caller.overwrite.setCategory({ serverId: server.id, categoryId: category.id, targetType: "role", targetId: server.id, allow: "0", deny: view });
    const mods = await owner.caller.channel.create({ serverId: server.id, name: "mods", categoryId: category.id });
    await owner.caller.category.update({ categoryId: category.id, name: "Moderators" });
    await owner.caller.category.move({ categoryId: category.id, position: 0 });
    /** The sidebar events the stream has had, once a message sent after them arrived (the server's activity keeps its order). */
    const sidebar = async (stream: Awaited<ReturnType<typeof watch>>, marker: number) => {
      await owner.caller.message.send({ channelId: general.id, content: `marker ${marker}` });
      await stream.events.until(() => stream.events.items.filter((e) => e.type === "message").length >= marker);
      return stream.events.items.flatMap((e) =>
        e.type === "category" ? [[e.action, "name" in e.category ? e.category.name : e.category.id]] : e.type === "channel" ? [[e.action, e.channel.id]] : [],
      );
    };
    expect(await sidebar(live, 1)).toEqual([]);
    expect(await reader.caller.category.list({ serverId: server.id })).toEqual([]);
    // Those who manage categories hear of every change.
    await manager.next("category", 3);
    expect(manager.events.items.filter((e) => e.type === "category").map((e) => e.action)).toEqual(["created", "updated", "moved"]);

    // A channel in it shows: the category comes first, as created, then the channel (and the change of its overwrites, as to all who see it).
    await owner.caller.overwrite.set({ channelId: mods.id, targetType: "member", targetId: reader.id, allow: view, deny: "0" });
    expect(await sidebar(live, 2)).toEqual([
      ["created", "Moderators"],
      ["created", mods.id],
      ["updated", mods.id],
    ]);
    expect((await reader.caller.category.list({ serverId: server.id })).map((c) => c.id)).toEqual([category.id]);
    // It goes again: the channel, then the category; its deletion later tells them nothing more.
    await owner.caller.overwrite.delete({ channelId: mods.id, targetType: "member", targetId: reader.id });
    await owner.caller.category.update({ categoryId: category.id, name: "Hidden" });
    await owner.caller.category.delete({ categoryId: category.id });
    expect((await sidebar(live, 3)).slice(3)).toEqual([
      ["deleted", mods.id],
      ["deleted", category.id],
    ]);
    live.stop();
    manager.stop();
  });

  it("follows the servers the user joins and stops at those they leave, are kicked from, or that are deleted", async () => {
    const { owner, reader, server, general } = await room("First");
    const live = await watch(reader.token);
    const second = await owner.caller.server.create({ name: "Second" });
    await reader.caller.server.join({ inviteCode: second.inviteCode });
    expect(await live.next("membership")).toEqual({ type: "membership", action: "joined", serverId: second.id, serverName: "Second" });
    const [secondGeneral] = await owner.caller.channel.list({ serverId: second.id });
    await owner.caller.message.send({ channelId: secondGeneral!.id, content: "welcome" });
    expect(await live.next("message")).toMatchObject({ serverId: second.id });

    await reader.caller.server.leave({ serverId: second.id });
    expect(await live.next("membership", 2)).toMatchObject({ action: "left", serverId: second.id });
    await owner.caller.member.remove({ serverId: server.id, userId: reader.id });
    expect(await live.next("membership", 3)).toMatchObject({ action: "kicked", serverId: server.id, serverName: "First" });
    // Nothing from either server reaches them now.
    await owner.caller.message.send({ channelId: secondGeneral!.id, content: "after you left" });
    await owner.caller.message.send({ channelId: general.id, content: "after the kick" });

    const third = await owner.caller.server.create({ name: "Third" });
    await reader.caller.server.join({ inviteCode: third.inviteCode });
    await live.next("membership", 4);
    await owner.caller.server.delete({ serverId: third.id });
    expect(await live.next("membership", 5)).toEqual({ type: "membership", action: "deleted", serverId: third.id, serverName: null });
    expect(live.events.items.filter((e) => e.type === "message")).toHaveLength(1);
    live.stop();
  });

  it("never carries the standing invite code to a member", async () => {
    const { owner, reader, server } = await room();
    const live = await watch(reader.token);
    const renewed = await owner.caller.server.regenerateInvite({ serverId: server.id });
    await owner.caller.server.update({ serverId: server.id, name: "Renamed" });
    await owner.caller.channel.create({ serverId: server.id, name: "news" });
    await reader.caller.server.setMuted({ serverId: server.id, muted: true });
    await live.next("muted");
    await live.next("channel");
    const seen = JSON.stringify(live.events.items);
    expect(seen).not.toContain(server.inviteCode);
    expect(seen).not.toContain(renewed.inviteCode);
    live.stop();
  });

  it("needs a signed-in user", async () => {
    const events = collector<UserEvent>();
    app.instance.client().api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.ended);
    expect(events.errors[0]).toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });
});
