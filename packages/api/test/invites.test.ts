/** Invites with limits (expiry, uses, revocation) and the preview before joining. */
import { eq, invites, sql } from "@chat/db";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createMemoryRateLimiter } from "../src";
import { type Caller, createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function guild() {
  const owner = await h.user("owner");
  const server = await owner.caller.server.create({ name: "Invited" });
  return { owner, server, serverId: server.id };
}

async function refusal(call: Promise<unknown>) {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCError) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "ok";
}

const join = (caller: Caller, inviteCode: string) => caller.server.join({ inviteCode });

describe("invites", () => {
  it("creates invites with an expiry and a use limit, lists them with their state, and counts uses", async () => {
    const { owner, serverId } = await guild();
    const limited = await owner.caller.invite.create({ serverId, maxUses: 2, expiresInSeconds: 3600 });
    expect(limited).toEqual({
      code: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      serverId,
      createdBy: { id: owner.id, username: owner.username },
      createdAt: expect.any(Date),
      expiresAt: expect.any(Date),
      maxUses: 2,
      uses: 0,
      state: "active",
    });
    expect(limited.expiresAt!.getTime() - limited.createdAt.getTime()).toBeGreaterThan(3590_000);
    const open = await owner.caller.invite.create({ serverId });
    expect(open).toMatchObject({ expiresAt: null, maxUses: null });

    const [first, second, third] = await Promise.all([h.user("a"), h.user("b"), h.user("c")]);
    await join(first!.caller, limited.code);
    await join(first!.caller, limited.code); // a member joining again uses nothing
    await join(second!.caller, limited.code);
    expect(await refusal(join(third!.caller, limited.code))).toBe("NOT_FOUND: This invite has reached its maximum number of uses");
    await join(third!.caller, open.code);

    const listed = await owner.caller.invite.list({ serverId });
    expect(listed.map((invite) => [invite.code, invite.uses, invite.state])).toEqual([
      [open.code, 1, "active"],
      [limited.code, 2, "used_up"],
    ]);
  });

  it("says why a code no longer works: expired, used up, revoked; unknown is plain NOT_FOUND", async () => {
    const { owner, serverId } = await guild();
    const joiner = await h.user("joiner");
    const expiring = await owner.caller.invite.create({ serverId, expiresInSeconds: 60 });
    await h.handle.db.update(invites).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(invites.code, expiring.code));
    expect(await refusal(join(joiner.caller, expiring.code))).toBe("NOT_FOUND: This invite has expired");
    expect(await refusal((await h.caller()).invite.preview({ code: expiring.code }))).toBe("NOT_FOUND: This invite has expired");

    const revoked = await owner.caller.invite.create({ serverId });
    expect((await owner.caller.invite.revoke({ serverId, code: revoked.code })).state).toBe("revoked");
    expect((await owner.caller.invite.revoke({ serverId, code: revoked.code })).state).toBe("revoked"); // twice is harmless
    expect(await refusal(join(joiner.caller, revoked.code))).toBe("NOT_FOUND: This invite was revoked");

    expect(await refusal(join(joiner.caller, "Unknown123"))).toBe("NOT_FOUND: Invite not found");
    const states = (await owner.caller.invite.list({ serverId })).map((invite) => invite.state);
    expect(states.sort()).toEqual(["expired", "revoked"]);
    const audit = await owner.caller.audit.list({ serverId, action: "invite.revoke" });
    expect(audit.items).toHaveLength(1);
  });

  it("never lets concurrent joins pass the use limit", async () => {
    const { owner, serverId } = await guild();
    const invite = await owner.caller.invite.create({ serverId, maxUses: 3 });
    const joiners = await Promise.all(Array.from({ length: 10 }, (_, i) => h.user(`rush${i}`)));
    const outcomes = await Promise.allSettled(joiners.map((joiner) => join(joiner.caller, invite.code)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    expect((await owner.caller.member.list({ serverId })).length).toBe(4);
    expect((await owner.caller.invite.list({ serverId }))[0]).toMatchObject({ uses: 3, state: "used_up" });
  });

  it("revoking another server's invite, or as a member, is refused", async () => {
    const { owner, server, serverId } = await guild();
    const other = await guild();
    const member = await h.user("member");
    await join(member.caller, server.inviteCode);
    const invite = await owner.caller.invite.create({ serverId });
    await expectCode(other.owner.caller.invite.revoke({ serverId: other.serverId, code: invite.code }), "NOT_FOUND");
    await expectCode(member.caller.invite.revoke({ serverId, code: invite.code }), "FORBIDDEN");
    await expectCode(owner.caller.invite.create({ serverId, maxUses: 0 }), "BAD_REQUEST");
    await expectCode(owner.caller.invite.create({ serverId, expiresInSeconds: -5 }), "BAD_REQUEST");
    expect((await owner.caller.invite.list({ serverId }))[0]!.state).toBe("active");
  });
});

describe("members' own invites and the standing code", () => {
  it("gives the standing code only to those who manage invites, over every server answer", async () => {
    const { owner, server, serverId } = await guild();
    const [admin, member] = [await h.user("admin"), await h.user("member")];
    const joined = { admin: await join(admin.caller, server.inviteCode), member: await join(member.caller, server.inviteCode) };
    await owner.caller.member.updateRole({ serverId, userId: admin.id, role: "admin" });
    expect(joined.member.inviteCode).toBeNull();

    const seen = async (caller: Caller) => [
      (await caller.server.get({ serverId })).inviteCode,
      (await caller.server.list()).find((listed) => listed.id === serverId)!.inviteCode,
      (await caller.server.join({ inviteCode: server.inviteCode })).inviteCode, // a member joining again
    ];
    expect(await seen(owner.caller)).toEqual([server.inviteCode, server.inviteCode, server.inviteCode]);
    expect(await seen(admin.caller)).toEqual([server.inviteCode, server.inviteCode, server.inviteCode]);
    expect(await seen(member.caller)).toEqual([null, null, null]);
    const renamed = await admin.caller.server.update({ serverId, name: "Renamed" });
    expect(renamed.inviteCode).toBe(server.inviteCode);
  });

  it("lets a member create invites of their own, which always expire within a week", async () => {
    const { owner, server, serverId } = await guild();
    const member = await h.user("member");
    await join(member.caller, server.inviteCode);
    const week = 7 * 24 * 3600_000;
    const own = await member.caller.invite.create({ serverId, maxUses: 1 });
    expect(own).toMatchObject({ createdBy: { id: member.id }, maxUses: 1, state: "active" });
    expect(own.expiresAt!.getTime() - own.createdAt.getTime()).toBeGreaterThan(week - 60_000);
    expect(own.expiresAt!.getTime() - own.createdAt.getTime()).toBeLessThanOrEqual(week + 1000);
    const sooner = await member.caller.invite.create({ serverId, expiresInSeconds: 3600 });
    expect(sooner.expiresAt!.getTime() - sooner.createdAt.getTime()).toBeLessThanOrEqual(3600_000 + 1000);
    expect(await refusal(member.caller.invite.create({ serverId, expiresInSeconds: 8 * 24 * 3600 }))).toBe(
      "BAD_REQUEST: Your invites can last at most 7 days",
    );
    expect((await owner.caller.invite.create({ serverId, expiresInSeconds: 8 * 24 * 3600 })).state).toBe("active");
    expect((await owner.caller.invite.create({ serverId })).expiresAt).toBeNull();

    const friend = await h.user("friend");
    expect((await join(friend.caller, own.code)).inviteCode).toBeNull();
    await expectCode(member.caller.invite.list({ serverId }), "FORBIDDEN");
    expect((await owner.caller.invite.list({ serverId })).find((invite) => invite.code === own.code)).toMatchObject({ uses: 1, state: "used_up" });
  });
});

describe("invite.preview", () => {
  it("shows anyone holding a code the server's name and member count, for invites and the standing code", async () => {
    const { owner, server, serverId } = await guild();
    const member = await h.user("member");
    await join(member.caller, server.inviteCode);
    const invite = await owner.caller.invite.create({ serverId, maxUses: 5 });
    const anonymous = await h.caller();
    expect(await anonymous.invite.preview({ code: invite.code })).toEqual({
      code: invite.code,
      server: { id: serverId, name: "Invited", memberCount: 2 },
      expiresAt: null,
      usesLeft: 5,
    });
    expect(await anonymous.invite.preview({ code: server.inviteCode })).toMatchObject({ usesLeft: null, server: { memberCount: 2 } });
    await expectCode(anonymous.invite.preview({ code: "Unknown123" }), "NOT_FOUND");
    await expectCode(anonymous.invite.preview({ code: "no!" }), "BAD_REQUEST");
  });

  it("is rate-limited per address", async () => {
    const limited = await createHarness({ rateLimiter: createMemoryRateLimiter() });
    try {
      const anonymous = await limited.caller();
      const codes = Array.from({ length: 61 }, () => anonymous.invite.preview({ code: "Unknown123" }).catch((e: TRPCError) => e.code));
      expect(await Promise.all(codes)).toContain("TOO_MANY_REQUESTS");
    } finally {
      await limited.close();
    }
  });
});
