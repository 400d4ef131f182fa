import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { channels, eq, messages, serverMembers } from "@chat/db";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

describe("servers", () => {
  it("creates a server with its owner as member and a general channel", async () => {
    const alice = await h.user("alice");
    const server = await alice.caller.server.create({ name: "  Book Club  " });
    expect(server).toMatchObject({ name: "Book Club", ownerId: alice.id });
    expect(server.inviteCode).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(await alice.caller.member.list({ serverId: server.id })).toEqual([
      expect.objectContaining({ userId: alice.id, username: alice.username, role: "owner" }),
    ]);
    expect((await alice.caller.channel.list({ serverId: server.id })).map((c) => c.name)).toEqual(["general"]);
    expect(await alice.caller.server.list()).toEqual([expect.objectContaining({ id: server.id, role: "owner" })]);
  });

  it("draws invite codes from the CSPRNG: a thousand codes, no repeats, all 62 letters in use", async () => {
    const { newInviteCode } = await import("../src/invites/code");
    const codes = Array.from({ length: 1000 }, newInviteCode);
    expect(new Set(codes).size).toBe(1000);
    expect(new Set(codes.join("")).size).toBe(62);
  });

  it("joins by invite code once, however often it is used, and refuses unknown codes", async () => {
    const owner = await h.user("owner");
    const guest = await h.user("guest");
    const server = await owner.caller.server.create({ name: "Open" });
    await guest.caller.server.join({ inviteCode: server.inviteCode });
    await guest.caller.server.join({ inviteCode: server.inviteCode });
    const members = await owner.caller.member.list({ serverId: server.id });
    expect(members.map((m) => [m.username, m.role])).toEqual([
      [owner.username, "owner"],
      [guest.username, "member"],
    ]);
    await expectCode(guest.caller.server.join({ inviteCode: "AAAAAAAAAA" }), "NOT_FOUND");
    await expectCode(guest.caller.server.join({ inviteCode: "bad code!" }), "BAD_REQUEST");
  });

  it("regenerating the invite retires the old code", async () => {
    const owner = await h.user("owner");
    const late = await h.user("late");
    const server = await owner.caller.server.create({ name: "Rotating" });
    const renewed = await owner.caller.server.regenerateInvite({ serverId: server.id });
    expect(renewed.inviteCode).not.toBe(server.inviteCode);
    await expectCode(late.caller.server.join({ inviteCode: server.inviteCode }), "NOT_FOUND");
    await late.caller.server.join({ inviteCode: renewed.inviteCode });
  });

  it("renames with validation, and refuses blank or oversized names", async () => {
    const owner = await h.user("owner");
    const server = await owner.caller.server.create({ name: "Old" });
    expect((await owner.caller.server.update({ serverId: server.id, name: "New" })).name).toBe("New");
    await expectCode(owner.caller.server.update({ serverId: server.id, name: "   " }), "BAD_REQUEST");
    await expectCode(owner.caller.server.update({ serverId: server.id, name: "x".repeat(101) }), "BAD_REQUEST");
    await expectCode(owner.caller.server.create({ name: "bell\u0007" }), "BAD_REQUEST");
    expect((await owner.caller.server.get({ serverId: server.id })).name).toBe("New");
  });

  it("deleting a server removes its members, channels and messages", async () => {
    const owner = await h.user("owner");
    const server = await owner.caller.server.create({ name: "Doomed" });
    const [general] = await owner.caller.channel.list({ serverId: server.id });
    await owner.caller.message.send({ channelId: general!.id, content: "last words" });
    await owner.caller.server.delete({ serverId: server.id });
    const serverId = BigInt(server.id);
    expect(await h.handle.db.select().from(serverMembers).where(eq(serverMembers.serverId, serverId))).toEqual([]);
    expect(await h.handle.db.select().from(channels).where(eq(channels.serverId, serverId))).toEqual([]);
    expect(await h.handle.db.select().from(messages).where(eq(messages.channelId, BigInt(general!.id)))).toEqual([]);
    await expectCode(owner.caller.server.get({ serverId: server.id }), "NOT_FOUND");
  });

  it("members leave; the owner must transfer or delete first", async () => {
    const owner = await h.user("owner");
    const guest = await h.user("guest");
    const server = await owner.caller.server.create({ name: "Leaving" });
    await guest.caller.server.join({ inviteCode: server.inviteCode });
    await guest.caller.server.leave({ serverId: server.id });
    expect(await guest.caller.server.list()).toEqual([]);
    await expectCode(guest.caller.server.get({ serverId: server.id }), "NOT_FOUND");
    await expectCode(owner.caller.server.leave({ serverId: server.id }), "BAD_REQUEST");
  });

  it("refuses malformed ids with BAD_REQUEST and unknown ones with NOT_FOUND", async () => {
    const owner = await h.user("owner");
    await expectCode(owner.caller.server.get({ serverId: "abc" }), "BAD_REQUEST");
    await expectCode(owner.caller.server.get({ serverId: "99999999999999999999" }), "BAD_REQUEST");
    await expectCode(owner.caller.server.get({ serverId: "123456789" }), "NOT_FOUND");
  });
});

describe("members", () => {
  it("the owner promotes and demotes; the owner's own role cannot be changed", async () => {
    const owner = await h.user("owner");
    const guest = await h.user("guest");
    const server = await owner.caller.server.create({ name: "Roles" });
    await guest.caller.server.join({ inviteCode: server.inviteCode });
    expect((await owner.caller.member.updateRole({ serverId: server.id, userId: guest.id, role: "admin" })).role).toBe("admin");
    expect((await owner.caller.member.updateRole({ serverId: server.id, userId: guest.id, role: "member" })).role).toBe("member");
    await expectCode(owner.caller.member.updateRole({ serverId: server.id, userId: owner.id, role: "member" }), "BAD_REQUEST");
    await expectCode(
      owner.caller.member.updateRole({ serverId: server.id, userId: guest.id, role: "owner" as "admin" }),
      "BAD_REQUEST",
    );
    const stranger = await h.user("stranger");
    await expectCode(owner.caller.member.updateRole({ serverId: server.id, userId: stranger.id, role: "admin" }), "NOT_FOUND");
  });

  it("transfers ownership to a member, who then owns it alone", async () => {
    const owner = await h.user("owner");
    const heir = await h.user("heir");
    const server = await owner.caller.server.create({ name: "Dynasty" });
    await heir.caller.server.join({ inviteCode: server.inviteCode });
    await expectCode(owner.caller.member.transferOwnership({ serverId: server.id, userId: owner.id }), "BAD_REQUEST");
    await owner.caller.member.transferOwnership({ serverId: server.id, userId: heir.id });
    const roles = Object.fromEntries((await heir.caller.member.list({ serverId: server.id })).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [heir.id]: "owner", [owner.id]: "admin" });
    expect((await heir.caller.server.get({ serverId: server.id })).ownerId).toBe(heir.id);
    await owner.caller.server.leave({ serverId: server.id });
    await expectCode(heir.caller.server.leave({ serverId: server.id }), "BAD_REQUEST");
  });
});
