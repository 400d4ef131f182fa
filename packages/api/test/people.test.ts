/**
 * People outside servers (issue 17): profiles, friends and blocks through the router on a real
 * database, and their live events over a real WebSocket.
 */
import { limits } from "@chat/validators";
import { describe, expect, it } from "vitest";

import type { UserEvent } from "../src";
import { expectCode, type TestUser } from "./harness";
import { collector, useLiveInstance } from "./live-harness";

const app = useLiveInstance();
const people = (...names: string[]) => Promise.all(names.map((name) => app.h.user(name)));
const kinds = async (user: TestUser) => (await user.caller.friend.list()).map((r) => [r.user.username, r.kind]);

describe("profiles", () => {
  it("edits your own profile and shows it to those who share a server, with what they share", async () => {
    const [ana, bo] = await people("ana", "bo");
    const mine = await ana!.caller.user.updateProfile({ displayName: "  Ana María  ", about: "Line one\nline two", pronouns: "she/her", bannerColour: 0x336699 });
    expect(mine).toMatchObject({ id: ana!.id, username: ana!.username, displayName: "Ana María", about: "Line one\nline two", pronouns: "she/her", bannerColour: 0x336699 });
    expect(mine.mutualServers).toEqual([]);

    // A stranger is nobody to them: the same NOT_FOUND as an id nobody has.
    await expectCode(bo!.caller.user.profile({ userId: ana!.id }), "NOT_FOUND");
    await expectCode(bo!.caller.user.profile({ userId: "999999999999" }), "NOT_FOUND");

    const server = await ana!.caller.server.create({ name: "Shared" });
    await bo!.caller.server.join({ inviteCode: server.inviteCode });
    const seen = await bo!.caller.user.profile({ userId: ana!.id });
    expect(seen).toMatchObject({ displayName: "Ana María", relationship: null, mutualServers: [{ id: server.id, name: "Shared" }], mutualFriends: [] });
    expect(seen).not.toHaveProperty("email");

    expect((await ana!.caller.user.updateProfile({ displayName: null, bannerColour: null })).displayName).toBeNull();
  });

  it("refuses a display name out of bounds, an about me over 190 characters and control characters", async () => {
    const [ana] = await people("ana");
    await expectCode(ana!.caller.user.updateProfile({ displayName: "   " }), "BAD_REQUEST");
    await expectCode(ana!.caller.user.updateProfile({ displayName: "x".repeat(limits.displayName.max + 1) }), "BAD_REQUEST");
    await expectCode(ana!.caller.user.updateProfile({ about: "x".repeat(limits.aboutMe.max + 1) }), "BAD_REQUEST");
    await expectCode(ana!.caller.user.updateProfile({ pronouns: "a\u0000b" }), "BAD_REQUEST");
    expect((await ana!.caller.user.updateProfile({ displayName: "名前 🌸" })).displayName).toBe("名前 🌸");
  });
});

describe("friends", () => {
  it("request, accept, remove: both sides see each step, and mutual friends show on profiles", async () => {
    const [ana, bo, cy] = await people("ana", "bo", "cy");
    const sent = await ana!.caller.friend.request({ username: bo!.username.toUpperCase() });
    expect(sent).toMatchObject({ user: { id: bo!.id, username: bo!.username }, kind: "outgoing" });
    expect(await kinds(bo!)).toEqual([[ana!.username, "incoming"]]);
    await expectCode(ana!.caller.friend.request({ username: bo!.username }), "CONFLICT");
    await expectCode(ana!.caller.friend.accept({ userId: bo!.id }), "NOT_FOUND"); // only the receiver accepts

    expect((await bo!.caller.friend.accept({ userId: ana!.id })).kind).toBe("friend");
    expect(await kinds(ana!)).toEqual([[bo!.username, "friend"]]);
    await expectCode(bo!.caller.friend.request({ username: ana!.username }), "CONFLICT");

    // Friends see each other's profiles without a server in common; cy, a friend of both, is mutual.
    await cy!.caller.friend.request({ username: ana!.username });
    await cy!.caller.friend.request({ username: bo!.username });
    await ana!.caller.friend.accept({ userId: cy!.id });
    await bo!.caller.friend.accept({ userId: cy!.id });
    const profile = await ana!.caller.user.profile({ userId: bo!.id });
    expect(profile.relationship).toBe("friend");
    expect(profile.mutualFriends.map((f) => f.id)).toEqual([cy!.id]);

    await bo!.caller.friend.remove({ userId: ana!.id });
    expect(await kinds(ana!)).toEqual([[cy!.username, "friend"]]);
    await expectCode(bo!.caller.friend.remove({ userId: ana!.id }), "NOT_FOUND");
  });

  it("a request to someone who already asked you makes you friends; decline and cancel end requests", async () => {
    const [ana, bo, cy] = await people("ana", "bo", "cy");
    await ana!.caller.friend.request({ username: bo!.username });
    expect((await bo!.caller.friend.request({ username: ana!.username })).kind).toBe("friend");

    await cy!.caller.friend.request({ username: ana!.username });
    await ana!.caller.friend.decline({ userId: cy!.id });
    expect(await kinds(cy!)).toEqual([]);
    await cy!.caller.friend.request({ username: ana!.username });
    await expectCode(ana!.caller.friend.cancel({ userId: cy!.id }), "NOT_FOUND"); // not hers to cancel
    await cy!.caller.friend.cancel({ userId: ana!.id });
    expect(await kinds(ana!)).toEqual([[bo!.username, "friend"]]);
  });

  it("refuses yourself, and answers a name nobody has the same as someone who blocked you", async () => {
    const [ana, bo] = await people("ana", "bo");
    await expectCode(ana!.caller.friend.request({ username: ana!.username }), "BAD_REQUEST");
    await bo!.caller.block.add({ userId: ana!.id });
    const blocked = await ana!.caller.friend.request({ username: bo!.username }).catch((error: Error) => error.message);
    const unknown = await ana!.caller.friend.request({ username: "nobody_here" }).catch((error: Error) => error.message);
    expect(blocked).toBe(unknown);
    expect(await kinds(bo!)).toEqual([]);
  });

  it("two people asking each other at once end as friends, not as a conflict", async () => {
    const [ana, bo] = await people("ana", "bo");
    const results = await Promise.allSettled([
      ana!.caller.friend.request({ username: bo!.username }),
      bo!.caller.friend.request({ username: ana!.username }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled"]);
    expect(await kinds(ana!)).toEqual([[bo!.username, "friend"]]);
    expect(await kinds(bo!)).toEqual([[ana!.username, "friend"]]);
  });
});

describe("blocks", () => {
  it("ends a friendship, stops requests from them, and lifting it restores nothing", async () => {
    const [ana, bo] = await people("ana", "bo");
    await ana!.caller.friend.request({ username: bo!.username });
    await bo!.caller.friend.accept({ userId: ana!.id });

    expect((await ana!.caller.block.add({ userId: bo!.id })).kind).toBe("blocked");
    expect(await kinds(ana!)).toEqual([]);
    expect(await kinds(bo!)).toEqual([]);
    expect((await ana!.caller.block.list()).map((r) => r.user.id)).toEqual([bo!.id]);
    await expectCode(bo!.caller.friend.request({ username: ana!.username }), "NOT_FOUND");
    await expectCode(ana!.caller.friend.request({ username: bo!.username }), "CONFLICT"); // unblock first

    // The block of each stays their own.
    await bo!.caller.block.add({ userId: ana!.id });
    await ana!.caller.block.remove({ userId: bo!.id });
    expect(await ana!.caller.block.list()).toEqual([]);
    expect((await bo!.caller.block.list()).map((r) => r.user.id)).toEqual([ana!.id]);
    await expectCode(ana!.caller.block.remove({ userId: bo!.id }), "NOT_FOUND");
    expect(await kinds(ana!)).toEqual([]);
  });

  it("refuses blocking yourself or an unknown id", async () => {
    const [ana] = await people("ana");
    await expectCode(ana!.caller.block.add({ userId: ana!.id }), "BAD_REQUEST");
    await expectCode(ana!.caller.block.add({ userId: "999999999999" }), "NOT_FOUND");
  });
});

describe("live", () => {
  it("a blocked person's mention still counts as unread but notifies nobody", async () => {
    const [ana, bo] = await people("ana", "bo");
    const server = await ana!.caller.server.create({ name: "Shared" });
    await bo!.caller.server.join({ inviteCode: server.inviteCode });
    const [general] = await ana!.caller.channel.list({ serverId: server.id });
    const events = collector<UserEvent>();
    app.instance.client(ana!.token).api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.items.some((e) => e.type === "sync"));
    const messages = () => events.items.flatMap((e) => (e.type === "message" ? [[e.messageId, e.mentioned, e.preview !== null]] : []));

    const before = await bo!.caller.message.send({ channelId: general!.id, content: `hi @${ana!.username}` });
    await events.until(() => messages().length === 1);
    await ana!.caller.block.add({ userId: bo!.id });
    await events.until(() => events.items.some((e) => e.type === "relationship"));
    const after = await bo!.caller.message.send({ channelId: general!.id, content: `hi again @${ana!.username}` });
    await events.until(() => messages().length === 2);
    expect(messages()).toEqual([
      [before.id, true, true],
      [after.id, false, false],
    ]);
  });


  it("friends see each other's status without a server in common; pending requests show none", async () => {
    const [ana, bo, cy] = await people("ana", "bo", "cy");
    await ana!.caller.friend.request({ username: bo!.username });
    await bo!.caller.friend.accept({ userId: ana!.id });
    await cy!.caller.friend.request({ username: ana!.username });

    const events = collector<UserEvent>();
    app.instance.client(ana!.token).api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.items.some((e) => e.type === "sync"));
    expect((await ana!.caller.friend.list()).map((f) => [f.user.username, f.presence?.status ?? null])).toEqual([
      [cy!.username, null],
      [bo!.username, "offline"],
    ]);

    const boOnline = app.instance.client(bo!.token);
    boOnline.api.user.onEvent.subscribe(undefined, collector<UserEvent>());
    await events.until(() => events.items.some((e) => e.type === "presence" && e.userId === bo!.id && e.status === "online"));
    await bo!.caller.status.set({ presence: "dnd", custom: { text: "Baking", emoji: null, expiresInSeconds: null } });
    await events.until(() => events.items.some((e) => e.type === "presence" && e.status === "dnd" && e.custom?.text === "Baking"));
    expect((await ana!.caller.friend.list()).find((f) => f.user.id === bo!.id)?.presence).toMatchObject({ status: "dnd", custom: { text: "Baking" } });
    await boOnline.close();
    await events.until(() => events.items.some((e) => e.type === "presence" && e.userId === bo!.id && e.status === "offline"));
    expect(events.items.some((e) => e.type === "presence" && e.userId === cy!.id)).toBe(false);
  });


  it("each side hears how they now stand on user.onEvent, and a block tells the blocked only that the friendship ended", async () => {
    const [ana, bo] = await people("ana", "bo");
    const watch = async (user: TestUser) => {
      const events = collector<UserEvent>();
      app.instance.client(user.token).api.user.onEvent.subscribe(undefined, events);
      await events.until(() => events.items.some((e) => e.type === "sync"));
      const relationships = () => events.items.flatMap((e) => (e.type === "relationship" ? [[e.user.username, e.relationship]] : []));
      return { events, relationships };
    };
    const [anaLive, boLive] = await Promise.all([watch(ana!), watch(bo!)]);
    await ana!.caller.friend.request({ username: bo!.username });
    await bo!.caller.friend.accept({ userId: ana!.id });
    await ana!.caller.block.add({ userId: bo!.id });
    await anaLive.events.until(() => anaLive.relationships().length === 3);
    await boLive.events.until(() => boLive.relationships().length === 3);
    expect(anaLive.relationships()).toEqual([
      [bo!.username, "outgoing"],
      [bo!.username, "friend"],
      [bo!.username, "blocked"],
    ]);
    expect(boLive.relationships()).toEqual([
      [ana!.username, "incoming"],
      [ana!.username, "friend"],
      [ana!.username, null],
    ]);
  });
});
