/** Kicks, bans and the audit log, through the router on a real database. */
import { auditLog, eq, sql } from "@chat/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A server with an owner, two admins and two members. */
async function guild() {
  const [owner, admin, admin2, member, member2] = await Promise.all(
    ["owner", "admin", "admin", "member", "member"].map((name) => h.user(name)),
  );
  const server = await owner!.caller.server.create({ name: "Guild" });
  for (const user of [admin!, admin2!, member!, member2!]) await user.caller.server.join({ inviteCode: server.inviteCode });
  for (const user of [admin!, admin2!]) await owner!.caller.member.updateRole({ serverId: server.id, userId: user.id, role: "admin" });
  return { owner: owner!, admin: admin!, admin2: admin2!, member: member!, member2: member2!, server, serverId: server.id };
}

async function rejected(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("bans", () => {
  it("an admin cannot ban the owner or another admin, nor kick them; the owner cannot ban themselves", async () => {
    const g = await guild();
    await expectCode(g.admin.caller.member.ban({ serverId: g.serverId, userId: g.owner.id }), "FORBIDDEN");
    await expectCode(g.admin.caller.member.ban({ serverId: g.serverId, userId: g.admin2.id }), "FORBIDDEN");
    await expectCode(g.admin.caller.member.remove({ serverId: g.serverId, userId: g.admin2.id }), "FORBIDDEN");
    await expectCode(g.admin.caller.member.remove({ serverId: g.serverId, userId: g.owner.id }), "FORBIDDEN");
    await expectCode(g.owner.caller.member.ban({ serverId: g.serverId, userId: g.owner.id }), "BAD_REQUEST");
    await expectCode(g.member.caller.member.ban({ serverId: g.serverId, userId: g.member2.id }), "FORBIDDEN");
    const members = await g.owner.caller.member.list({ serverId: g.serverId });
    expect(members).toHaveLength(5);
  });

  it("the owner bans an admin; an admin bans a member; the list shows the reason and who banned", async () => {
    const g = await guild();
    await g.owner.caller.member.ban({ serverId: g.serverId, userId: g.admin2.id, reason: "  abused the role  " });
    await g.admin.caller.member.ban({ serverId: g.serverId, userId: g.member.id });
    const bans = await g.admin.caller.member.listBans({ serverId: g.serverId });
    expect(bans).toEqual([
      { user: { id: g.member.id, username: g.member.username }, reason: "", bannedBy: { id: g.admin.id, username: g.admin.username }, createdAt: expect.any(Date) },
      {
        user: { id: g.admin2.id, username: g.admin2.username },
        reason: "abused the role",
        bannedBy: { id: g.owner.id, username: g.owner.username },
        createdAt: expect.any(Date),
      },
    ]);
    const left = (await g.owner.caller.member.list({ serverId: g.serverId })).map((m) => m.userId);
    expect(left).not.toContain(g.member.id);
    expect(left).not.toContain(g.admin2.id);
    await expectCode(g.member.caller.server.get({ serverId: g.serverId }), "NOT_FOUND");
    await expectCode(g.member.caller.member.listBans({ serverId: g.serverId }), "NOT_FOUND");
    await expectCode(g.member2.caller.member.listBans({ serverId: g.serverId }), "FORBIDDEN");
  });

  it("a banned user cannot rejoin by the standing code or any invite until unbanned", async () => {
    const g = await guild();
    const invite = await g.owner.caller.invite.create({ serverId: g.serverId, maxUses: 10 });
    await g.admin.caller.member.ban({ serverId: g.serverId, userId: g.member.id, reason: "spam" });
    for (const inviteCode of [g.server.inviteCode, invite.code]) {
      expect(await rejected(g.member.caller.server.join({ inviteCode }))).toEqual({
        code: "FORBIDDEN",
        message: "You are banned from this server",
      });
    }
    const regenerated = await g.owner.caller.server.regenerateInvite({ serverId: g.serverId });
    await expectCode(g.member.caller.server.join({ inviteCode: regenerated.inviteCode }), "FORBIDDEN");
    expect((await g.owner.caller.invite.list({ serverId: g.serverId }))[0]!.uses).toBe(0);

    await g.admin.caller.member.unban({ serverId: g.serverId, userId: g.member.id });
    await expectCode(g.admin.caller.member.unban({ serverId: g.serverId, userId: g.member.id }), "NOT_FOUND");
    await g.member.caller.server.join({ inviteCode: invite.code });
    expect((await g.member.caller.server.get({ serverId: g.serverId })).role).toBe("member");
  });

  it("bans someone who already left, keeps banning twice a CONFLICT, and NOT_FOUND for unknown users", async () => {
    const g = await guild();
    await g.member.caller.server.leave({ serverId: g.serverId });
    await g.admin.caller.member.ban({ serverId: g.serverId, userId: g.member.id, reason: "left to dodge" });
    await expectCode(g.admin.caller.member.ban({ serverId: g.serverId, userId: g.member.id }), "CONFLICT");
    await expectCode(g.member.caller.server.join({ inviteCode: g.server.inviteCode }), "FORBIDDEN");
    await expectCode(g.admin.caller.member.ban({ serverId: g.serverId, userId: "123456789" }), "NOT_FOUND");
    await expectCode(g.admin.caller.member.remove({ serverId: g.serverId, userId: g.member.id }), "NOT_FOUND");
  });

  it("a ban racing joins leaves the banned user out whatever the order", async () => {
    for (let round = 0; round < 5; round++) {
      const g = await guild();
      const outsider = await h.user("racer");
      await Promise.allSettled([
        outsider.caller.server.join({ inviteCode: g.server.inviteCode }),
        g.owner.caller.member.ban({ serverId: g.serverId, userId: outsider.id }),
        outsider.caller.server.join({ inviteCode: g.server.inviteCode }),
      ]);
      const ids = (await g.owner.caller.member.list({ serverId: g.serverId })).map((m) => m.userId);
      const bans = (await g.owner.caller.member.listBans({ serverId: g.serverId })).map((b) => b.user.id);
      // The ban may have found no such member yet (NOT_FOUND) — but never a banned member.
      expect(bans.includes(outsider.id) && ids.includes(outsider.id)).toBe(false);
    }
  });

  it("a kicked member may rejoin; kicking twice is NOT_FOUND", async () => {
    const g = await guild();
    await g.admin.caller.member.remove({ serverId: g.serverId, userId: g.member.id, reason: "cool off" });
    await expectCode(g.admin.caller.member.remove({ serverId: g.serverId, userId: g.member.id }), "NOT_FOUND");
    await expectCode(g.member.caller.server.get({ serverId: g.serverId }), "NOT_FOUND");
    await g.member.caller.server.join({ inviteCode: g.server.inviteCode });
    expect((await g.member.caller.server.get({ serverId: g.serverId })).role).toBe("member");
  });
});

describe("audit log", () => {
  it("records every moderation action with actor, target, time and details, newest first", async () => {
    const g = await guild();
    const [general] = await g.owner.caller.channel.list({ serverId: g.serverId });
    const message = await g.member.caller.message.send({ channelId: general!.id, content: "rude" });
    const own = await g.admin.caller.message.send({ channelId: general!.id, content: "mine" });
    await g.admin.caller.message.delete({ messageId: message.id });
    await g.admin.caller.message.delete({ messageId: own.id }); // one's own message: not moderation
    const channel = await g.admin.caller.channel.create({ serverId: g.serverId, name: "rules" });
    await g.admin.caller.channel.update({ channelId: channel.id, topic: "Be kind" });
    await g.admin.caller.channel.delete({ channelId: channel.id });
    await g.admin.caller.server.update({ serverId: g.serverId, name: "Renamed" });
    const invite = await g.admin.caller.invite.create({ serverId: g.serverId, maxUses: 2 });
    await g.admin.caller.invite.revoke({ serverId: g.serverId, code: invite.code });
    await g.admin.caller.member.remove({ serverId: g.serverId, userId: g.member.id, reason: "cool off" });
    await g.admin.caller.member.ban({ serverId: g.serverId, userId: g.member2.id, reason: "spam" });
    await g.admin.caller.member.unban({ serverId: g.serverId, userId: g.member2.id });
    await g.owner.caller.member.updateRole({ serverId: g.serverId, userId: g.admin2.id, role: "member" });
    await g.owner.caller.member.transferOwnership({ serverId: g.serverId, userId: g.admin.id });

    const page = await g.admin.caller.audit.list({ serverId: g.serverId });
    const actions = page.items.map((entry) => entry.action);
    expect(actions).toEqual([
      "server.transfer_ownership",
      "member.role",
      "member.unban",
      "member.ban",
      "member.kick",
      "invite.revoke",
      "invite.create",
      "server.rename",
      "channel.delete",
      "channel.update",
      "channel.create",
      "message.delete", // the member's message; the admin's own deletion is not moderation
      "member.role", // the two promotions of guild()
      "member.role",
    ]);
    const byAction = (action: string) => page.items.find((entry) => entry.action === action)!;
    expect(byAction("member.ban")).toEqual({
      id: expect.stringMatching(/^\d+$/),
      action: "member.ban",
      actor: { id: g.admin.id, username: g.admin.username },
      target: { id: g.member2.id, name: g.member2.username },
      details: { reason: "spam" },
      createdAt: expect.any(Date),
    });
    expect(byAction("member.kick").details).toEqual({ reason: "cool off" });
    expect(byAction("member.role")).toMatchObject({ target: { id: g.admin2.id }, details: { from: "admin", to: "member" } });
    expect(byAction("server.rename")).toMatchObject({ details: { name: { from: "Guild", to: "Renamed" } } });
    expect(byAction("channel.update")).toMatchObject({ target: { id: channel.id, name: "rules" }, details: { topic: { from: "", to: "Be kind" } } });
    expect(byAction("channel.delete").target).toEqual({ id: channel.id, name: "rules" });
    expect(byAction("message.delete")).toMatchObject({ target: { id: message.id }, details: { authorId: g.member.id, channelId: general!.id } });
    expect(JSON.stringify(byAction("message.delete"))).not.toContain("rude");
    expect(byAction("invite.create")).toMatchObject({ target: { id: invite.code }, details: { maxUses: 2, expiresAt: null } });
  });

  it("pages by keyset and filters by action and actor; members and outsiders cannot read it", async () => {
    const g = await guild();
    for (let i = 0; i < 5; i++) await g.admin.caller.channel.create({ serverId: g.serverId, name: `room-${i}` });
    await g.owner.caller.channel.create({ serverId: g.serverId, name: "owners-room" });
    const seen: string[] = [];
    let before: string | undefined;
    for (;;) {
      const page = await g.owner.caller.audit.list({ serverId: g.serverId, limit: 2, before });
      seen.push(...page.items.map((entry) => entry.id));
      if (!page.nextCursor) break;
      before = page.nextCursor;
    }
    const all = await g.owner.caller.audit.list({ serverId: g.serverId, limit: 100 });
    expect(seen).toEqual(all.items.map((entry) => entry.id));
    expect(new Set(seen).size).toBe(seen.length);
    const created = await g.owner.caller.audit.list({ serverId: g.serverId, action: "channel.create" });
    expect(created.items).toHaveLength(6);
    const byAdmin = await g.owner.caller.audit.list({ serverId: g.serverId, action: "channel.create", actorId: g.admin.id });
    expect(byAdmin.items.map((entry) => entry.target?.name)).toEqual(["room-4", "room-3", "room-2", "room-1", "room-0"]);
    await expectCode(g.member.caller.audit.list({ serverId: g.serverId }), "FORBIDDEN");
    await expectCode((await h.user("outsider")).caller.audit.list({ serverId: g.serverId }), "NOT_FOUND");
    await expectCode(g.owner.caller.audit.list({ serverId: g.serverId, action: "nonsense" as never }), "BAD_REQUEST");
  });

  it("is append-only in the database itself, yet goes with its server", async () => {
    const g = await guild();
    await g.owner.caller.channel.create({ serverId: g.serverId, name: "x" });
    const db = h.handle.db;
    const serverId = BigInt(g.serverId);
    await expect(db.update(auditLog).set({ action: "server.rename" }).where(eq(auditLog.serverId, serverId))).rejects.toThrow();
    await expect(db.delete(auditLog).where(eq(auditLog.serverId, serverId))).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await g.owner.caller.audit.list({ serverId: g.serverId })).items.length).toBeGreaterThan(0);
    await g.owner.caller.server.delete({ serverId: g.serverId });
    expect(await db.select().from(auditLog).where(eq(auditLog.serverId, serverId))).toEqual([]);
  });

  it("is written in the action's transaction: a refused action leaves no entry", async () => {
    const g = await guild();
    await g.admin.caller.channel.create({ serverId: g.serverId, name: "taken" });
    await expectCode(g.admin.caller.channel.create({ serverId: g.serverId, name: "taken" }), "CONFLICT");
    const created = await g.owner.caller.audit.list({ serverId: g.serverId, action: "channel.create" });
    expect(created.items).toHaveLength(1);
  });
});
