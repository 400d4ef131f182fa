/**
 * Timeouts: a timed-out member reads but cannot send, edit, react or type (FORBIDDEN, saying until
 * when); the timeout lapses on its own or is lifted early; only someone of a higher role sets it;
 * it shows on the member and reaches member lists live (user.onEvent); every change is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const c = await h.community("Timeouts");
  const admin = await h.user("admin");
  await admin.caller.server.join({ inviteCode: c.server.inviteCode });
  await c.owner.caller.member.updateRole({ serverId: c.server.id, userId: admin.id, role: "admin" });
  const mine = await c.member.caller.message.send({ channelId: c.general.id, content: "before the timeout" });
  return { ...c, admin, serverId: c.server.id, channelId: c.general.id, mine };
}

describe("timeouts", () => {
  it("let a timed-out member read but not send, edit, react or type, saying until when", async () => {
    const { admin, member, serverId, channelId, mine } = await room();
    const timed = await admin.caller.member.timeout({ serverId, userId: member.id, durationSeconds: 600 });
    const until = timed.timedOutUntil!;
    expect(until.getTime()).toBeGreaterThan(Date.now() + 590_000);

    const said = `You are timed out until ${until.toISOString()}`;
    await expect(member.caller.message.send({ channelId, content: "hi" })).rejects.toMatchObject({ code: "FORBIDDEN", message: said });
    await expectCode(member.caller.message.edit({ messageId: mine.id, content: "edited" }), "FORBIDDEN");
    await expectCode(member.caller.reaction.add({ messageId: mine.id, emoji: "👍" }), "FORBIDDEN");
    await expectCode(member.caller.typing.start({ channelId }), "FORBIDDEN");

    expect((await member.caller.message.list({ channelId })).items.map((m) => m.id)).toContain(mine.id);
    expect(await member.caller.message.get({ messageId: mine.id })).toMatchObject({ content: "before the timeout" });
    const listed = (await member.caller.member.list({ serverId })).find((m) => m.userId === member.id);
    expect(listed?.timedOutUntil).toEqual(until);
  });

  it("lapse on their own", async () => {
    const { owner, member, serverId, channelId } = await room();
    await owner.caller.member.timeout({ serverId, userId: member.id, until: new Date(Date.now() + 1000).toISOString() });
    await expectCode(member.caller.message.send({ channelId, content: "now?" }), "FORBIDDEN");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await member.caller.message.send({ channelId, content: "free again" });
    expect((await owner.caller.member.list({ serverId })).find((m) => m.userId === member.id)?.timedOutUntil).toBeNull();
  });

  it("are lifted early, and both changes go to the audit log", async () => {
    const { owner, admin, member, serverId, channelId } = await room();
    await admin.caller.member.timeout({ serverId, userId: member.id, durationSeconds: 3600, reason: "cool off" });
    const lifted = await admin.caller.member.removeTimeout({ serverId, userId: member.id });
    expect(lifted.timedOutUntil).toBeNull();
    await member.caller.message.send({ channelId, content: "back" });
    await admin.caller.member.removeTimeout({ serverId, userId: member.id }); // not timed out: nothing to audit

    const audit = await owner.caller.audit.list({ serverId });
    const [removed, set] = audit.items;
    expect(removed).toMatchObject({ action: "member.remove_timeout", target: { id: member.id }, actor: { id: admin.id } });
    expect(set).toMatchObject({ action: "member.timeout", target: { id: member.id }, details: { reason: "cool off" } });
  });

  it("follow the hierarchy: admins cannot time out the owner or another admin; members no one", async () => {
    const { owner, admin, member, server, serverId } = await room();
    const admin2 = await h.user("admin");
    await admin2.caller.server.join({ inviteCode: server.inviteCode });
    await owner.caller.member.updateRole({ serverId, userId: admin2.id, role: "admin" });
    await expectCode(admin.caller.member.timeout({ serverId, userId: owner.id, durationSeconds: 60 }), "FORBIDDEN");
    await expectCode(admin.caller.member.timeout({ serverId, userId: admin2.id, durationSeconds: 60 }), "FORBIDDEN");
    await expectCode(member.caller.member.timeout({ serverId, userId: admin.id, durationSeconds: 60 }), "FORBIDDEN");
    await expectCode(owner.caller.member.timeout({ serverId, userId: owner.id, durationSeconds: 60 }), "BAD_REQUEST");
    const timedAdmin = await owner.caller.member.timeout({ serverId, userId: admin.id, durationSeconds: 60 });
    expect(timedAdmin.timedOutUntil).not.toBeNull();
    await expectCode(admin.caller.message.send({ channelId: (await admin.caller.channel.list({ serverId }))[0]!.id, content: "x" }), "FORBIDDEN");
  });

  it("last at most 28 days, end in the future, and take a duration or a time (not both)", async () => {
    const { owner, member, serverId } = await room();
    const user = { serverId, userId: member.id };
    await expectCode(owner.caller.member.timeout({ ...user, durationSeconds: 28 * 86400 + 1 }), "BAD_REQUEST");
    await expectCode(owner.caller.member.timeout({ ...user, until: new Date(Date.now() + 29 * 86400_000).toISOString() }), "BAD_REQUEST");
    await expectCode(owner.caller.member.timeout({ ...user, until: new Date(Date.now() - 1000).toISOString() }), "BAD_REQUEST");
    await expectCode(owner.caller.member.timeout({ ...user, durationSeconds: 60, until: new Date().toISOString() }), "BAD_REQUEST");
    await expectCode(owner.caller.member.timeout(user), "BAD_REQUEST");
    expect((await owner.caller.member.timeout({ ...user, durationSeconds: 28 * 86400 })).timedOutUntil).not.toBeNull();
  });

  it("reach the server's members live on user.onEvent", async () => {
    const { owner, member, serverId } = await room();
    const stream = await member.caller.user.onEvent();
    const events: unknown[] = [];
    const reading = (async () => {
      for await (const event of stream) {
        events.push(event);
        if ((event as { type: string }).type === "member") break;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await owner.caller.member.timeout({ serverId, userId: member.id, durationSeconds: 60 });
    await reading; // leaving the loop ends the subscription
    expect(events.at(-1)).toMatchObject({ type: "member", serverId, member: { userId: member.id, timedOutUntil: expect.any(Date) } });
  });
});
