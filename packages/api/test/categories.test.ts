/**
 * Categories and channel order (issue 16, item 3): positions stay dense in every group through
 * creations, moves, deletions and concurrent moves; another server's category is NOT_FOUND.
 */
import { Permission } from "@chat/policy/permission-flags";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Caller, type Harness, createHarness, expectCode } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/**
 * The sidebar as `channel.list` and `category.list` give it: "-" for the uncategorised channels,
 * then each category by name, its channels by name. Asserts on the way that the list comes in
 * the sidebar's order and that every group's positions are 0..n−1.
 */
async function sidebar(caller: Caller, serverId: string): Promise<Array<[string, string[]]>> {
  const [channels, categories] = await Promise.all([caller.channel.list({ serverId }), caller.category.list({ serverId })]);
  expect(categories.map((category) => category.position)).toEqual(categories.map((_, index) => index));
  const groups: Array<[string | null, string]> = [[null, "-"], ...categories.map((c): [string, string] => [c.id, c.name])];
  const expected = groups.flatMap(([id]) => channels.filter((channel) => channel.categoryId === id));
  expect(channels.map((channel) => channel.id)).toEqual(expected.map((channel) => channel.id));
  return groups.map(([id, name]) => {
    const inGroup = channels.filter((channel) => channel.categoryId === id);
    expect(inGroup.map((channel) => channel.position)).toEqual(inGroup.map((_, index) => index));
    return [name, inGroup.map((channel) => channel.name)];
  });
}

/** A server with #general, #a, #b, #c uncategorised and categories Text and Voice. */
async function layout() {
  const { owner, member, server, general } = await h.community("Layout");
  const serverId = server.id;
  const a = await owner.caller.channel.create({ serverId, name: "a" });
  const b = await owner.caller.channel.create({ serverId, name: "b" });
  const c = await owner.caller.channel.create({ serverId, name: "c" });
  const text = await owner.caller.category.create({ serverId, name: "Text" });
  const voice = await owner.caller.category.create({ serverId, name: " Voice " });
  return { owner, member, serverId, general, a, b, c, text, voice };
}

describe("categories", () => {
  it("are created last, renamed, moved (clamped) and listed in order", async () => {
    const { owner, serverId, text, voice } = await layout();
    expect(text).toMatchObject({ serverId, name: "Text", position: 0 });
    expect(voice).toMatchObject({ name: "Voice", position: 1 });
    const stage = await owner.caller.category.create({ serverId, name: "Stage" });
    expect(stage.position).toBe(2);
    expect(await owner.caller.category.update({ categoryId: stage.id, name: "Events" })).toMatchObject({ name: "Events", position: 2 });

    const moved = await owner.caller.category.move({ categoryId: text.id, position: 99 });
    expect(moved.map((category) => [category.name, category.position])).toEqual([["Voice", 0], ["Events", 1], ["Text", 2]]);
    await owner.caller.category.move({ categoryId: text.id, position: 0 });
    expect((await sidebar(owner.caller, serverId)).map(([name]) => name)).toEqual(["-", "Text", "Voice", "Events"]);

    const audit = await owner.caller.audit.list({ serverId });
    const actions = audit.items.map((entry) => entry.action).filter((action) => action.startsWith("category."));
    expect(actions).toEqual(["category.move", "category.move", "category.update", "category.create", "category.create", "category.create"]);
  });

  it("when deleted, hand their channels to the end of the uncategorised ones, in their order", async () => {
    const { owner, serverId, a, b, c, text, voice } = await layout();
    await owner.caller.channel.move({ channelId: c.id, categoryId: text.id, position: 0 });
    await owner.caller.channel.move({ channelId: a.id, categoryId: text.id, position: 0 });
    await owner.caller.channel.move({ channelId: b.id, categoryId: voice.id, position: 0 });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["general"]], ["Text", ["a", "c"]], ["Voice", ["b"]]]);
    await owner.caller.category.delete({ categoryId: text.id });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["general", "a", "c"]], ["Voice", ["b"]]]);
    expect((await owner.caller.category.list({ serverId }))[0]).toMatchObject({ id: voice.id, position: 0 });
    await expectCode(owner.caller.category.update({ categoryId: text.id, name: "Back" }), "NOT_FOUND");
  });

  it("are managed with MANAGE_CHANNELS only, read by any member, and NOT_FOUND from elsewhere", async () => {
    const { owner, member, serverId, a, text } = await layout();
    await owner.caller.channel.move({ channelId: a.id, categoryId: text.id, position: 0 });
    expect((await member.caller.category.list({ serverId })).map((category) => category.name)).toEqual(["Text"]);
    await expectCode(member.caller.category.create({ serverId, name: "Mine" }), "FORBIDDEN");
    await expectCode(member.caller.category.update({ categoryId: text.id, name: "Mine" }), "FORBIDDEN");
    await expectCode(member.caller.category.move({ categoryId: text.id, position: 1 }), "FORBIDDEN");
    await expectCode(member.caller.category.delete({ categoryId: text.id }), "FORBIDDEN");
    await expectCode(member.caller.channel.move({ channelId: a.id, categoryId: null, position: 0 }), "FORBIDDEN");

    const stranger = await h.user("stranger");
    await expectCode(stranger.caller.category.list({ serverId }), "NOT_FOUND");
    await expectCode(stranger.caller.category.update({ categoryId: text.id, name: "Mine" }), "NOT_FOUND");
    await expectCode(owner.caller.category.delete({ categoryId: "999999" }), "NOT_FOUND");

    // A category of another server, even the caller's own, is no place for this server's channels.
    const elsewhere = await owner.caller.server.create({ name: "Elsewhere" });
    const foreign = await owner.caller.category.create({ serverId: elsewhere.id, name: "Foreign" });
    await expectCode(owner.caller.channel.move({ channelId: a.id, categoryId: foreign.id, position: 0 }), "NOT_FOUND");
    await expectCode(owner.caller.channel.create({ serverId, name: "d", categoryId: foreign.id }), "NOT_FOUND");
    await expectCode(owner.caller.category.create({ serverId, name: "  " }), "BAD_REQUEST");
    await expectCode(owner.caller.category.move({ categoryId: text.id, position: -1 }), "BAD_REQUEST");
  });

  it("are listed to a member only when they hold a channel the member can see; to those with MANAGE_CHANNELS, all", async () => {
    const { owner, member, serverId, a, b, text, voice } = await layout();
    const names = async (caller: Caller) => (await caller.category.list({ serverId })).map((category) => category.name);
    await owner.caller.channel.move({ channelId: a.id, categoryId: text.id, position: 0 });
    await owner.caller.channel.move({ channelId: b.id, categoryId: voice.id, position: 0 });
    expect(await names(member.caller)).toEqual(["Text", "Voice"]);

    // #b private: Voice holds nothing the member sees.
    const view = String(Permission.VIEW_CHANNEL);
    await owner.caller.overwrite.set({ channelId: b.id, targetType: "role", targetId: serverId, allow: "0", deny: view });
    expect(await names(member.caller)).toEqual(["Text"]);
    expect(await names(owner.caller)).toEqual(["Text", "Voice"]);
    await owner.caller.category.create({ serverId, name: "Empty" });
    expect(await names(member.caller)).toEqual(["Text"]);

    // Allowed back by a member overwrite, the member sees Voice again.
    await owner.caller.overwrite.set({ channelId: b.id, targetType: "member", targetId: member.id, allow: view, deny: "0" });
    expect(await names(member.caller)).toEqual(["Text", "Voice"]);

    // A role with MANAGE_CHANNELS sees every category, empty or hiding its channels.
    await owner.caller.overwrite.delete({ channelId: b.id, targetType: "member", targetId: member.id });
    const arrangers = await owner.caller.role.create({ serverId, name: "Arrangers", permissions: String(Permission.MANAGE_CHANNELS) });
    await owner.caller.member.addRole({ serverId, userId: member.id, roleId: arrangers.id });
    expect(await names(member.caller)).toEqual(["Text", "Voice", "Empty"]);
  });

  it("stop at 50 per server", async () => {
    const { owner, server } = await h.community("Many");
    for (let i = 0; i < 50; i++) await owner.caller.category.create({ serverId: server.id, name: `c${i}` });
    await expectCode(owner.caller.category.create({ serverId: server.id, name: "one too many" }), "BAD_REQUEST");
  });
});

describe("channel order", () => {
  it("lists the uncategorised channels first, then each category's, each group by position", async () => {
    const { owner, serverId, text } = await layout();
    const inText = await owner.caller.channel.create({ serverId, name: "t1", categoryId: text.id });
    expect(inText).toMatchObject({ categoryId: text.id, position: 0 });
    expect(await owner.caller.channel.create({ serverId, name: "t2", categoryId: text.id })).toMatchObject({ position: 1 });
    expect(await owner.caller.channel.create({ serverId, name: "d" })).toMatchObject({ categoryId: null, position: 4 });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["general", "a", "b", "c", "d"]], ["Text", ["t1", "t2"]], ["Voice", []]]);
  });

  it("moves a channel within its group and between groups, clamping past the end, positions dense", async () => {
    const { owner, serverId, general, a, b, c, text, voice } = await layout();
    expect(await owner.caller.channel.move({ channelId: c.id, categoryId: null, position: 0 })).toMatchObject({ categoryId: null, position: 0 });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["c", "general", "a", "b"]], ["Text", []], ["Voice", []]]);
    await owner.caller.channel.move({ channelId: c.id, categoryId: null, position: 2 });
    expect((await sidebar(owner.caller, serverId))[0]).toEqual(["-", ["general", "a", "c", "b"]]);

    expect(await owner.caller.channel.move({ channelId: a.id, categoryId: text.id, position: 7 })).toMatchObject({ categoryId: text.id, position: 0 });
    await owner.caller.channel.move({ channelId: general.id, categoryId: text.id, position: 0 });
    await owner.caller.channel.move({ channelId: c.id, categoryId: voice.id, position: 0 });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["b"]], ["Text", ["general", "a"]], ["Voice", ["c"]]]);
    await owner.caller.channel.move({ channelId: general.id, categoryId: voice.id, position: 1000 });
    await owner.caller.channel.move({ channelId: b.id, categoryId: null, position: 5 });
    expect(await sidebar(owner.caller, serverId)).toEqual([["-", ["b"]], ["Text", ["a"]], ["Voice", ["c", "general"]]]);

    const moves = (await owner.caller.audit.list({ serverId, action: "channel.move" })).items;
    expect(moves).toHaveLength(6); // the seventh left #b where it was: nothing to record
    expect(moves[0]).toMatchObject({
      target: { name: "general" },
      details: { from: { categoryId: text.id, position: 0 }, to: { categoryId: voice.id, position: 1 } },
    });
  });

  it("closes the gap a deleted channel leaves", async () => {
    const { owner, serverId, a } = await layout();
    await owner.caller.channel.delete({ channelId: a.id });
    expect((await sidebar(owner.caller, serverId))[0]).toEqual(["-", ["general", "b", "c"]]);
  });

  it("keeps every group dense and unique through many concurrent moves", async () => {
    const { owner, serverId, text, voice } = await layout();
    for (let i = 0; i < 6; i++) await owner.caller.channel.create({ serverId, name: `x${i}` });
    const channels = await owner.caller.channel.list({ serverId });
    const groups = [null, text.id, voice.id];
    // A fixed pseudo-random sequence: each run tries the same interleavings' inputs.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
    const moves = Array.from({ length: 60 }, () => {
      const channel = channels[next(channels.length)]!;
      return owner.caller.channel.move({ channelId: channel.id, categoryId: groups[next(3)]!, position: next(12) });
    });
    await Promise.all(moves);
    const after = await sidebar(owner.caller, serverId);
    expect(after.flatMap(([, names]) => names).sort()).toEqual(channels.map((channel) => channel.name).sort());
  });
});
