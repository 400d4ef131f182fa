/**
 * Direct messages and group DMs (issue 17): channels without a server, on the same message
 * machinery, through the router on a real database and live over a real WebSocket.
 */
import { describe, expect, it } from "vitest";

import type { UserEvent } from "../src";
import { expectCode, type TestUser } from "./harness";
import { collector, useLiveInstance } from "./live-harness";

const app = useLiveInstance();
const people = (...names: string[]) => Promise.all(names.map((name) => app.h.user(name)));

async function befriend(a: TestUser, b: TestUser) {
  await a.caller.friend.request({ username: b.username });
  await b.caller.friend.accept({ userId: a.id });
}

async function shareServer(owner: TestUser, ...others: TestUser[]) {
  const server = await owner.caller.server.create({ name: "Shared" });
  for (const other of others) await other.caller.server.join({ inviteCode: server.inviteCode });
  return server;
}

describe("direct messages", () => {
  it("friends open one DM however often they open it, and talk, edit, reply and react in it", async () => {
    const [ana, bo] = await people("ana", "bo");
    await befriend(ana!, bo!);
    const dm = await ana!.caller.dm.open({ userId: bo!.id });
    expect(dm).toMatchObject({ kind: "dm", name: "", ownerId: null, lastMessageId: null });
    expect(dm.recipients.map((r) => r.id).sort()).toEqual([ana!.id, bo!.id].sort());
    expect((await ana!.caller.dm.open({ userId: bo!.id })).id).toBe(dm.id);
    expect((await bo!.caller.dm.open({ userId: ana!.id })).id).toBe(dm.id);

    const hello = await ana!.caller.message.send({ channelId: dm.id, content: `hello @${bo!.username}` });
    expect(hello.mentionIds).toEqual([bo!.id]);
    const reply = await bo!.caller.message.send({ channelId: dm.id, content: "hi!", replyToId: hello.id });
    expect(reply.replyTo).toMatchObject({ id: hello.id });
    await bo!.caller.reaction.add({ messageId: hello.id, emoji: "👍" });
    await ana!.caller.message.edit({ messageId: hello.id, content: "hello again" });
    const page = await bo!.caller.message.list({ channelId: dm.id });
    expect(page.items.map((m) => m.content)).toEqual(["hi!", "hello again"]);
    expect(page.items[1]!.reactions).toEqual([{ emoji: "👍", count: 1, me: true }]);

    // Nobody deletes another's message in a DM; their own, yes.
    await expectCode(bo!.caller.message.delete({ messageId: hello.id }), "FORBIDDEN");
    await bo!.caller.message.delete({ messageId: reply.id });

    // Search finds it in your DMs, and only there.
    expect((await bo!.caller.dm.search({ query: "hello" })).items.map((m) => m.id)).toEqual([hello.id]);
    expect((await bo!.caller.dm.search({ query: "hello", channelId: dm.id })).items).toHaveLength(1);
    const [stranger] = await people("stranger");
    expect((await stranger!.caller.dm.search({ query: "hello" })).items).toEqual([]);

    const [listed] = await bo!.caller.dm.list();
    // The latest id it gave out orders the list, a deleted message's too.
    expect(listed).toMatchObject({ id: dm.id, unreadCount: 1, lastMessageId: reply.id });
    await bo!.caller.channel.markRead({ channelId: dm.id });
    expect((await bo!.caller.dm.list())[0]).toMatchObject({ unreadCount: 0 });
  });

  it("a stranger is NOT_FOUND, as is the DM to anyone outside it; server-only procedures do not reach it", async () => {
    const [ana, bo, cy] = await people("ana", "bo", "cy");
    await expectCode(ana!.caller.dm.open({ userId: bo!.id }), "NOT_FOUND");
    await expectCode(ana!.caller.dm.open({ userId: "999999999999" }), "NOT_FOUND");
    await expectCode(ana!.caller.dm.open({ userId: ana!.id }), "BAD_REQUEST");
    await befriend(ana!, bo!);
    const dm = await ana!.caller.dm.open({ userId: bo!.id });
    const message = await ana!.caller.message.send({ channelId: dm.id, content: "just us" });

    await expectCode(cy!.caller.message.list({ channelId: dm.id }), "NOT_FOUND");
    await expectCode(cy!.caller.message.send({ channelId: dm.id, content: "me too" }), "NOT_FOUND");
    await expectCode(cy!.caller.message.get({ messageId: message.id }), "NOT_FOUND");
    await expectCode(cy!.caller.reaction.add({ messageId: message.id, emoji: "👍" }), "NOT_FOUND");
    await expectCode(cy!.caller.channel.markRead({ channelId: dm.id }), "NOT_FOUND");
    await expectCode(cy!.caller.group.rename({ channelId: dm.id, name: "mine" }), "NOT_FOUND");
    // A reply from elsewhere to a message in the DM finds nothing.
    const mine = await cy!.caller.server.create({ name: "Cy's" });
    const [general] = await cy!.caller.channel.list({ serverId: mine.id });
    await expectCode(cy!.caller.message.send({ channelId: general!.id, content: "re", replyToId: message.id }), "NOT_FOUND");

    await expectCode(ana!.caller.channel.get({ channelId: dm.id }), "NOT_FOUND");
    await expectCode(ana!.caller.channel.update({ channelId: dm.id, name: "renamed", topic: "" }), "NOT_FOUND");
    await expectCode(ana!.caller.message.pin({ messageId: message.id }), "NOT_FOUND");
    expect(await cy!.caller.dm.list()).toEqual([]);
  });

  it("people who share a server may DM unless the other turned it off; a block either way refuses, and keeps the history readable", async () => {
    const [ana, bo] = await people("ana", "bo");
    const server = await shareServer(ana!, bo!);
    const dm = await bo!.caller.dm.open({ userId: ana!.id });
    // ana has not seen it yet: a DM someone else opened shows once it has a message.
    expect(await ana!.caller.dm.list()).toEqual([]);
    await bo!.caller.message.send({ channelId: dm.id, content: "hi ana" });
    expect((await ana!.caller.dm.list()).map((c) => c.id)).toEqual([dm.id]);

    expect(await ana!.caller.user.privacy()).toEqual({ allowServerDms: true });
    await ana!.caller.user.updatePrivacy({ allowServerDms: false });
    expect(await ana!.caller.user.privacy()).toEqual({ allowServerDms: false });
    await expectCode(bo!.caller.dm.open({ userId: ana!.id }), "FORBIDDEN");
    // The server's own answer wins over the account's, both ways.
    expect(await ana!.caller.user.serverPrivacy({ serverId: server.id })).toEqual({ serverId: server.id, allowDms: null });
    await ana!.caller.user.updateServerPrivacy({ serverId: server.id, allowDms: true });
    expect(await ana!.caller.user.serverPrivacy({ serverId: server.id })).toEqual({ serverId: server.id, allowDms: true });
    expect((await bo!.caller.dm.open({ userId: ana!.id })).id).toBe(dm.id);
    await ana!.caller.user.updatePrivacy({ allowServerDms: true });
    await ana!.caller.user.updateServerPrivacy({ serverId: server.id, allowDms: false });
    await expectCode(bo!.caller.dm.open({ userId: ana!.id }), "FORBIDDEN");
    await ana!.caller.user.updateServerPrivacy({ serverId: server.id, allowDms: null });

    await ana!.caller.block.add({ userId: bo!.id });
    await expectCode(bo!.caller.dm.open({ userId: ana!.id }), "FORBIDDEN");
    await expectCode(ana!.caller.dm.open({ userId: bo!.id }), "CONFLICT");
    await expectCode(bo!.caller.message.send({ channelId: dm.id, content: "still there?" }), "FORBIDDEN");
    await expectCode(ana!.caller.message.send({ channelId: dm.id, content: "bye" }), "FORBIDDEN");
    expect((await bo!.caller.message.list({ channelId: dm.id })).items.map((m) => m.content)).toEqual(["hi ana"]);
  });

  it("a DM message reaches the other side live on message.onEvent and user.onEvent, with a notification", async () => {
    const [ana, bo] = await people("ana", "bo");
    await befriend(ana!, bo!);
    const dm = await ana!.caller.dm.open({ userId: bo!.id });
    const stream = collector<{ id?: string; data: { type: string; message?: { content: string } } }>();
    const user = collector<UserEvent>();
    const client = app.instance.client(bo!.token);
    client.api.message.onEvent.subscribe({ channelId: dm.id }, stream as never);
    client.api.user.onEvent.subscribe(undefined, user);
    await stream.until(() => stream.items.some((e) => e.data.type === "ready"));
    await user.until(() => user.items.some((e) => e.type === "sync"));

    const sent = await ana!.caller.message.send({ channelId: dm.id, content: "are you there?" });
    await stream.until(() => stream.items.some((e) => e.data.type === "created"));
    expect(stream.items.find((e) => e.data.type === "created")!.data.message!.content).toBe("are you there?");
    await user.until(() => user.items.some((e) => e.type === "message"));
    expect(user.items.find((e) => e.type === "message")).toMatchObject({
      serverId: null,
      channelId: dm.id,
      messageId: sent.id,
      preview: { author: ana!.username, excerpt: "are you there?" },
    });
  });

  it("muting a DM is the muter's own: it says so in their list and on their user.onEvent, and a server's channel is NOT_FOUND", async () => {
    const [ana, bo] = await people("ana", "bo");
    const server = await shareServer(ana!, bo!);
    const dm = await bo!.caller.dm.open({ userId: ana!.id });
    await bo!.caller.message.send({ channelId: dm.id, content: "hi" });
    const events = collector<UserEvent>();
    app.instance.client(ana!.token).api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.items.some((e) => e.type === "sync"));

    expect((await ana!.caller.dm.list())[0]).toMatchObject({ id: dm.id, muted: false, unreadCount: 1 });
    expect(await ana!.caller.dm.setMuted({ channelId: dm.id, muted: true })).toEqual({ channelId: dm.id, muted: true });
    await events.until(() => events.items.some((e) => e.type === "muted"));
    expect(events.items.find((e) => e.type === "muted")).toEqual({ type: "muted", serverId: null, channelId: dm.id, muted: true });
    // Muted, it still counts: the list shows it without the marks.
    expect((await ana!.caller.dm.list())[0]).toMatchObject({ muted: true, unreadCount: 1 });
    expect((await bo!.caller.dm.list())[0]).toMatchObject({ muted: false });

    const [general] = await ana!.caller.channel.list({ serverId: server.id });
    await expectCode(ana!.caller.dm.setMuted({ channelId: general!.id, muted: true }), "NOT_FOUND");
    const [cy] = await people("cy");
    await expectCode(cy!.caller.dm.setMuted({ channelId: dm.id, muted: true }), "NOT_FOUND");
    await ana!.caller.dm.setMuted({ channelId: dm.id, muted: false });
    expect((await ana!.caller.dm.list())[0]).toMatchObject({ muted: false });
  });

  it("DM partners hear each other's status on user.onEvent, friends or not", async () => {
    const [ana, bo] = await people("ana", "bo");
    await shareServer(ana!, bo!);
    await bo!.caller.dm.open({ userId: ana!.id });
    const events = collector<UserEvent>();
    app.instance.client(ana!.token).api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.items.some((e) => e.type === "sync"));
    app.instance.client(bo!.token).api.user.onEvent.subscribe(undefined, collector<UserEvent>());
    await events.until(() => events.items.some((e) => e.type === "presence" && e.userId === bo!.id && e.status === "online"));
  });
});

describe("group DMs", () => {
  it("the owner starts a group with friends; anyone adds a friend or renames it, with system lines; strangers cannot be added", async () => {
    const [ana, bo, cy, di] = await people("ana", "bo", "cy", "di");
    await befriend(ana!, bo!);
    await befriend(bo!, cy!);
    await expectCode(ana!.caller.group.create({ userIds: [di!.id] }), "FORBIDDEN");
    const group = await ana!.caller.group.create({ userIds: [bo!.id], name: "Trip" });
    expect(group).toMatchObject({ kind: "group", name: "Trip", ownerId: ana!.id });

    const anaEvents = collector<UserEvent>();
    app.instance.client(ana!.token).api.user.onEvent.subscribe(undefined, anaEvents);
    await anaEvents.until(() => anaEvents.items.some((e) => e.type === "sync"));
    await expectCode(ana!.caller.group.addRecipient({ channelId: group.id, userId: cy!.id }), "FORBIDDEN"); // not ana's friend
    const grown = await bo!.caller.group.addRecipient({ channelId: group.id, userId: cy!.id });
    expect(grown.recipients.map((r) => r.username)).toEqual([ana!.username, bo!.username, cy!.username]);
    await expectCode(bo!.caller.group.addRecipient({ channelId: group.id, userId: cy!.id }), "CONFLICT");
    await cy!.caller.group.rename({ channelId: group.id, name: "Road trip" });

    const lines = (await ana!.caller.message.list({ channelId: group.id })).items.map((m) => [m.kind, m.content, m.author?.id]);
    expect(lines).toEqual([
      ["name_change", "Road trip", cy!.id],
      ["recipient_add", cy!.id, bo!.id],
    ]);
    expect((await cy!.caller.dm.list()).map((c) => c.name)).toEqual(["Road trip"]);
    // System lines count as unread but notify nobody (their content is an id or a name, not words to show).
    await anaEvents.until(() => anaEvents.items.filter((e) => e.type === "message").length === 2);
    expect(anaEvents.items.filter((e) => e.type === "message").map((e) => e.type === "message" && e.preview)).toEqual([null, null]);
    expect((await ana!.caller.dm.list())[0]).toMatchObject({ unreadCount: 2 });
  });

  it("a group holds ten people at most", async () => {
    const [owner, ...friends] = await people("own", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9", "f10");
    for (const friend of friends) await befriend(owner!, friend!);
    const group = await owner!.caller.group.create({ userIds: friends.slice(0, 9).map((f) => f!.id) });
    await expectCode(owner!.caller.group.addRecipient({ channelId: group.id, userId: friends[9]!.id }), "CONFLICT");
    await expectCode(owner!.caller.group.create({ userIds: friends.map((f) => f!.id) }), "BAD_REQUEST");
  });

  it("only the owner removes people; the removed lose the history at once and their live view ends; the owner's leaving passes the group on", async () => {
    const [ana, bo, cy] = await people("ana", "bo", "cy");
    await befriend(ana!, bo!);
    await befriend(ana!, cy!);
    const group = await ana!.caller.group.create({ userIds: [bo!.id, cy!.id] });
    await ana!.caller.message.send({ channelId: group.id, content: "welcome" });

    await expectCode(bo!.caller.group.removeRecipient({ channelId: group.id, userId: cy!.id }), "FORBIDDEN");
    await expectCode(ana!.caller.group.removeRecipient({ channelId: group.id, userId: ana!.id }), "BAD_REQUEST");

    const stream = collector<unknown>();
    const user = collector<UserEvent>();
    const client = app.instance.client(cy!.token);
    client.api.message.onEvent.subscribe({ channelId: group.id }, stream);
    client.api.user.onEvent.subscribe(undefined, user);
    await stream.until(() => stream.items.length > 0);
    await user.until(() => user.items.some((e) => e.type === "sync"));

    await ana!.caller.group.removeRecipient({ channelId: group.id, userId: cy!.id });
    await stream.until(() => stream.ended);
    await user.until(() => user.items.some((e) => e.type === "conversation" && e.action === "left"));
    await expectCode(cy!.caller.message.list({ channelId: group.id }), "NOT_FOUND");
    expect(await cy!.caller.dm.list()).toEqual([]);

    await ana!.caller.group.leave({ channelId: group.id });
    const [left] = await bo!.caller.dm.list();
    expect(left).toMatchObject({ id: group.id, ownerId: bo!.id });
    expect(left!.recipients.map((r) => r.id)).toEqual([bo!.id]);
    await bo!.caller.group.leave({ channelId: group.id });
    expect(await bo!.caller.dm.list()).toEqual([]);
  });
});
