/**
 * Permission overwrites in real use, through the router on a real database: Discord's algorithm
 * in channels (a role allows, a channel overwrite denies, a member overwrite allows back; category
 * sync; ADMINISTRATOR and the owner see all), the rules of changing them, and that a channel one
 * cannot see leaks nothing: not its history, search hits, unread or mention counts.
 */
import { auditLog, categories, channels, eq, nextId, permissionOverwrites } from "@chat/db";
import { channelPermissions } from "@chat/policy/compute-permissions";
import { Permission } from "@chat/policy/permission-flags";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const flags = (...names: Array<keyof typeof Permission>) => String(names.reduce((all, name) => all | Permission[name], 0n));
const none = "0";

/** A server with an owner, an admin, a member with the "Crew" role and an outsider member; a channel #crew. */
async function guild() {
  const [owner, admin, crew, outsider] = await Promise.all(["owner", "admin", "crew", "outsider"].map((name) => h.user(name)));
  const server = await owner!.caller.server.create({ name: "Guild" });
  for (const user of [admin!, crew!, outsider!]) await user.caller.server.join({ inviteCode: server.inviteCode });
  await owner!.caller.member.updateRole({ serverId: server.id, userId: admin!.id, role: "admin" });
  const role = await owner!.caller.role.create({ serverId: server.id, name: "Crew", permissions: flags("VIEW_CHANNEL") });
  await owner!.caller.member.addRole({ serverId: server.id, userId: crew!.id, roleId: role.id });
  const channel = await owner!.caller.channel.create({ serverId: server.id, name: "crew" });
  return { owner: owner!, admin: admin!, crew: crew!, outsider: outsider!, serverId: server.id, everyone: server.id, roleId: role.id, channelId: channel.id };
}

/** Makes #crew private: @everyone denied VIEW_CHANNEL, the Crew role allowed. */
async function makePrivate(g: Awaited<ReturnType<typeof guild>>) {
  const { owner, channelId } = g;
  await owner.caller.overwrite.set({ channelId, targetType: "role", targetId: g.everyone, allow: none, deny: flags("VIEW_CHANNEL") });
  return owner.caller.overwrite.set({ channelId, targetType: "role", targetId: g.roleId, allow: flags("VIEW_CHANNEL"), deny: none });
}

type Caller = Awaited<ReturnType<Harness["user"]>>["caller"];
const listed = async (caller: Caller, serverId: string) =>
  (await caller.channel.list({ serverId })).map((channel) => channel.name);

describe("permission overwrites", () => {
  it("a channel overwrite denies, a role overwrite allows, a member overwrite allows back; admins and the owner see all", async () => {
    const g = await guild();
    await g.outsider.caller.message.send({ channelId: g.channelId, content: "before" });
    const answer = await makePrivate(g);
    expect(answer.synced).toBe(false);
    expect(answer.overwrites).toEqual([
      { targetType: "role", targetId: g.everyone, allow: none, deny: flags("VIEW_CHANNEL") },
      { targetType: "role", targetId: g.roleId, allow: flags("VIEW_CHANNEL"), deny: none },
    ].sort((a, b) => (BigInt(a.targetId) < BigInt(b.targetId) ? -1 : 1)));

    // The outsider loses it: 404 everywhere, never 403.
    expect(await listed(g.outsider.caller, g.serverId)).toEqual(["general"]);
    await expectCode(g.outsider.caller.channel.get({ channelId: g.channelId }), "NOT_FOUND");
    await expectCode(g.outsider.caller.message.list({ channelId: g.channelId }), "NOT_FOUND");
    await expectCode(g.outsider.caller.message.send({ channelId: g.channelId, content: "hi" }), "NOT_FOUND");
    const [message] = (await g.crew.caller.message.list({ channelId: g.channelId })).items;
    await expectCode(g.outsider.caller.message.get({ messageId: message!.id }), "NOT_FOUND");
    await expectCode(g.outsider.caller.reaction.add({ messageId: message!.id, emoji: "👍" }), "NOT_FOUND");

    // Crew (by role), the admin and the owner see it.
    for (const user of [g.crew, g.admin, g.owner]) expect(await listed(user.caller, g.serverId)).toEqual(["general", "crew"]);
    await g.crew.caller.message.send({ channelId: g.channelId, content: "crew only" });

    // A member overwrite allows the outsider back; one that denies the Crew member wins over their role.
    await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: g.outsider.id, allow: flags("VIEW_CHANNEL"), deny: none });
    await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: g.crew.id, allow: none, deny: flags("VIEW_CHANNEL") });
    expect(await listed(g.outsider.caller, g.serverId)).toEqual(["general", "crew"]);
    await expectCode(g.crew.caller.channel.get({ channelId: g.channelId }), "NOT_FOUND");

    // A channel overwrite takes SEND_MESSAGES: reading stays, sending is FORBIDDEN (the channel is visible).
    await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: g.outsider.id, allow: flags("VIEW_CHANNEL"), deny: flags("SEND_MESSAGES") });
    expect((await g.outsider.caller.message.list({ channelId: g.channelId })).items.length).toBe(2);
    await expectCode(g.outsider.caller.message.send({ channelId: g.channelId, content: "hi" }), "FORBIDDEN");

    // ADMINISTRATOR ignores overwrites, and so does the owner.
    for (const user of [g.admin, g.owner]) {
      await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: user.id, allow: none, deny: flags("VIEW_CHANNEL", "SEND_MESSAGES") });
      await user.caller.message.send({ channelId: g.channelId, content: "still here" });
    }

    // Deleting the overwrite gives the outsider's view back to @everyone's: hidden again.
    await g.owner.caller.overwrite.delete({ channelId: g.channelId, targetType: "member", targetId: g.outsider.id });
    await expectCode(g.outsider.caller.channel.get({ channelId: g.channelId }), "NOT_FOUND");
    const actions = await h.handle.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, g.channelId));
    expect(actions.filter((a) => a.action === "channel.overwrite")).toHaveLength(8);
  });

  it("member.list with a channel lists those who can see it, to those who can see it", async () => {
    const g = await guild();
    const names = async (caller: Caller, channelId?: string) =>
      (await caller.member.list({ serverId: g.serverId, channelId })).map((member) => member.userId).sort();
    const ids = (...users: Array<{ id: string }>) => users.map((user) => user.id).sort();
    const everyone = ids(g.owner, g.admin, g.crew, g.outsider);
    expect(await names(g.outsider.caller, g.channelId)).toEqual(everyone);
    await makePrivate(g);
    // By role and overwrites: Crew by its role, the admin and the owner above overwrites; not the outsider.
    for (const user of [g.owner, g.admin, g.crew]) expect(await names(user.caller, g.channelId)).toEqual(ids(g.owner, g.admin, g.crew));
    expect(await names(g.crew.caller)).toEqual(everyone);
    // A member overwrite lets the outsider in; one on the Crew member shuts them out.
    await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: g.outsider.id, allow: flags("VIEW_CHANNEL"), deny: none });
    await g.owner.caller.overwrite.set({ channelId: g.channelId, targetType: "member", targetId: g.crew.id, allow: none, deny: flags("VIEW_CHANNEL") });
    expect(await names(g.outsider.caller, g.channelId)).toEqual(ids(g.owner, g.admin, g.outsider));
    // Who cannot see it gets 404, as for the channel itself; so does a channel of another server, or a DM.
    await expectCode(g.crew.caller.member.list({ serverId: g.serverId, channelId: g.channelId }), "NOT_FOUND");
    const other = await g.owner.caller.server.create({ name: "Elsewhere" });
    const [elsewhere] = await g.owner.caller.channel.list({ serverId: other.id });
    await expectCode(g.owner.caller.member.list({ serverId: g.serverId, channelId: elsewhere!.id }), "NOT_FOUND");
    await expectCode(g.owner.caller.member.list({ serverId: g.serverId, channelId: "123" }), "NOT_FOUND");
  });

  it("a synced channel takes its category's overwrites; editing its own copies them first; channel.sync goes back", async () => {
    const g = await guild();
    const categoryId = nextId();
    await h.handle.db.insert(categories).values({ id: categoryId, serverId: BigInt(g.serverId), name: "Staff", position: 0 });
    const { channelId } = g;
    await h.handle.db.update(channels).set({ categoryId }).where(eq(channels.id, BigInt(channelId)));
    await g.owner.caller.overwrite.setCategory({
      serverId: g.serverId,
      categoryId: String(categoryId),
      targetType: "role",
      targetId: g.everyone,
      allow: none,
      deny: flags("VIEW_CHANNEL"),
    });
    await expectCode(g.outsider.caller.channel.get({ channelId }), "NOT_FOUND");
    expect(await g.owner.caller.overwrite.list({ channelId })).toMatchObject({ synced: true, overwrites: [{ targetId: g.everyone }] });

    // Editing the channel's own: the category's are copied, then the member overwrite added.
    const edited = await g.owner.caller.overwrite.set({ channelId, targetType: "member", targetId: g.outsider.id, allow: flags("VIEW_CHANNEL"), deny: none });
    expect(edited.synced).toBe(false);
    expect(edited.overwrites.map((o) => o.targetId).sort()).toEqual([g.everyone, g.outsider.id].sort());
    await g.outsider.caller.channel.get({ channelId });

    const synced = await g.owner.caller.channel.sync({ channelId });
    expect(synced).toMatchObject({ synced: true, overwrites: [{ targetId: g.everyone }] });
    await expectCode(g.outsider.caller.channel.get({ channelId }), "NOT_FOUND");
    await expectCode(g.owner.caller.channel.sync({ channelId: (await g.owner.caller.channel.list({ serverId: g.serverId }))[0]!.id }), "BAD_REQUEST");
    const [entry] = await h.handle.db.select().from(auditLog).where(eq(auditLog.action, "channel.sync"));
    expect(entry?.targetId).toBe(channelId);
  });

  it("a channel is private while the @everyone overwrite in force denies VIEW_CHANNEL: its own, or its category's when synced", async () => {
    const g = await guild();
    const privacy = async () => Object.fromEntries((await g.owner.caller.channel.list({ serverId: g.serverId })).map((c) => [c.name, c.private]));
    expect(await privacy()).toEqual({ general: false, crew: false });
    await makePrivate(g);
    expect(await privacy()).toEqual({ general: false, crew: true });
    expect((await g.crew.caller.channel.get({ channelId: g.channelId })).private).toBe(true);
    // Denying @everyone something else, or a role VIEW_CHANNEL, makes no channel private.
    const general = (await g.owner.caller.channel.list({ serverId: g.serverId }))[0]!.id;
    await g.owner.caller.overwrite.set({ channelId: general, targetType: "role", targetId: g.everyone, allow: none, deny: flags("SEND_MESSAGES") });
    await g.owner.caller.overwrite.set({ channelId: general, targetType: "role", targetId: g.roleId, allow: none, deny: flags("VIEW_CHANNEL") });
    expect(await privacy()).toEqual({ general: false, crew: true });

    // A category that hides from @everyone: a channel created in it, or moved in synced, is private; channel.sync makes it follow.
    const category = await g.owner.caller.category.create({ serverId: g.serverId, name: "Staff" });
    await g.owner.caller.overwrite.setCategory({ serverId: g.serverId, categoryId: category.id, targetType: "role", targetId: g.everyone, allow: none, deny: flags("VIEW_CHANNEL") });
    const created = await g.owner.caller.channel.create({ serverId: g.serverId, name: "staff", categoryId: category.id });
    expect(created.private).toBe(true);
    const moved = await g.owner.caller.channel.move({ channelId: general, categoryId: category.id, position: 0 });
    expect(moved.private).toBe(false); // Its own overwrites, not synced.
    expect((await g.owner.caller.channel.sync({ channelId: general })).synced).toBe(true);
    expect(await privacy()).toEqual({ general: true, crew: true, staff: true });
    expect((await g.owner.caller.channel.update({ channelId: created.id, name: "staff", topic: "t" })).private).toBe(true);
    expect((await g.owner.caller.channel.setSlowmode({ channelId: created.id, seconds: 5 })).private).toBe(true);
    // Out of the category, a synced channel has no overwrites of its own: public.
    expect((await g.owner.caller.channel.move({ channelId: created.id, categoryId: null, position: 0 })).private).toBe(false);
  });

  it("needs MANAGE_ROLES in the channel, flags of one's own and a role below; targets of the server only", async () => {
    const g = await guild();
    const { channelId } = g;
    const set = (user: typeof g.crew, targetType: "role" | "member", targetId: string, allow: string, deny = none) =>
      user.caller.overwrite.set({ channelId, targetType, targetId, allow, deny });
    await expectCode(set(g.crew, "member", g.outsider.id, flags("SEND_MESSAGES")), "FORBIDDEN");
    await expectCode(g.crew.caller.overwrite.list({ channelId }), "FORBIDDEN");
    const managers = await g.owner.caller.role.create({ serverId: g.serverId, name: "Managers", permissions: flags("MANAGE_ROLES", "VIEW_CHANNEL", "SEND_MESSAGES") });
    await g.owner.caller.role.move({ serverId: g.serverId, roleId: managers.id, position: 2 }); // above Crew
    await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.crew.id, roleId: managers.id });
    await set(g.crew, "member", g.outsider.id, flags("SEND_MESSAGES"));
    await expectCode(set(g.crew, "member", g.outsider.id, flags("MANAGE_MESSAGES")), "FORBIDDEN"); // not theirs to grant
    await expectCode(set(g.crew, "role", managers.id, none, flags("SEND_MESSAGES")), "FORBIDDEN"); // their own highest role
    await set(g.crew, "role", g.roleId, none, flags("SEND_MESSAGES")); // Crew is below Managers
    await expectCode(set(g.crew, "member", g.outsider.id, flags("SEND_MESSAGES"), flags("SEND_MESSAGES")), "BAD_REQUEST");
    await expectCode(set(g.owner, "member", g.outsider.id, flags("ADMINISTRATOR")), "BAD_REQUEST");
    const other = await h.community("Other");
    await expectCode(set(g.owner, "member", other.member.id, flags("SEND_MESSAGES")), "NOT_FOUND");
    await expectCode(set(g.owner, "role", other.server.id, flags("SEND_MESSAGES")), "NOT_FOUND");
    await expectCode(g.owner.caller.overwrite.delete({ channelId, targetType: "member", targetId: g.admin.id }), "NOT_FOUND");
    await expectCode(other.owner.caller.overwrite.list({ channelId }), "NOT_FOUND");
    // Denied VIEW_CHANNEL in the channel, a manager cannot manage it: it is not there for them.
    await set(g.owner, "member", g.crew.id, none, flags("VIEW_CHANNEL"));
    await expectCode(g.crew.caller.overwrite.list({ channelId }), "NOT_FOUND");
  });

  it("deleting a role deletes its overwrites; a member who leaves or is kicked loses theirs", async () => {
    const g = await guild();
    const { channelId } = g;
    await makePrivate(g);
    await g.owner.caller.overwrite.set({ channelId, targetType: "member", targetId: g.outsider.id, allow: flags("VIEW_CHANNEL"), deny: none });
    await g.owner.caller.overwrite.set({ channelId, targetType: "member", targetId: g.admin.id, allow: flags("VIEW_CHANNEL"), deny: none });
    await g.owner.caller.role.delete({ serverId: g.serverId, roleId: g.roleId });
    await g.outsider.caller.server.leave({ serverId: g.serverId });
    await g.owner.caller.member.remove({ serverId: g.serverId, userId: g.admin.id });
    const rows = await h.handle.db.select().from(permissionOverwrites).where(eq(permissionOverwrites.channelId, BigInt(channelId)));
    expect(rows.map((row) => row.targetId)).toEqual([BigInt(g.everyone)]);
    // Back again, the outsider does not find their old allowance.
    await g.outsider.caller.server.join({ inviteCode: (await g.owner.caller.server.get({ serverId: g.serverId })).inviteCode! });
    await expectCode(g.outsider.caller.channel.get({ channelId }), "NOT_FOUND");
  });
});

describe("a channel one cannot see leaks nothing", () => {
  it("search skips it, unread and mention counts (also by @everyone) leave it out, mentions of outsiders are not stored", async () => {
    const g = await guild();
    await makePrivate(g);
    await g.owner.caller.message.send({ channelId: g.channelId, content: `secret plans @everyone @${g.outsider.username} @${g.crew.username}` });
    const search = (user: typeof g.crew) => user.caller.message.search({ serverId: g.serverId, query: "secret" });
    expect((await search(g.outsider)).items).toEqual([]);
    expect((await search(g.crew)).items.map((item) => item.channelName)).toEqual(["crew"]);
    expect((await g.outsider.caller.message.search({ serverId: g.serverId, query: "secret", channelId: g.channelId })).items).toEqual([]);

    const totals = async (user: typeof g.crew) => (await user.caller.server.list()).find((s) => s.id === g.serverId)!;
    expect(await totals(g.outsider)).toMatchObject({ unreadCount: 0, mentionCount: 0 });
    expect(await totals(g.crew)).toMatchObject({ unreadCount: 1, mentionCount: 1 });
    const [stored] = (await g.crew.caller.message.list({ channelId: g.channelId })).items;
    expect(stored!.mentionIds).toEqual([g.crew.id]);
  });

  it("the SQL visibility condition agrees with channelPermissions over random overwrites", async () => {
    const g = await guild();
    const other = await g.owner.caller.role.create({ serverId: g.serverId, name: "Other", permissions: none });
    await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.crew.id, roleId: other.id });
    const bits = fc.constantFrom(0n, Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES);
    const allowDeny = fc.record({ allow: bits, deny: bits }).filter((o) => (o.allow & o.deny) === 0n);
    const everyoneBase = BigInt((await g.owner.caller.role.list({ serverId: g.serverId })).find((r) => r.builtIn === "everyone")!.permissions);
    await fc.assert(
      fc.asyncProperty(fc.option(allowDeny), fc.option(allowDeny), fc.option(allowDeny), fc.option(allowDeny), async (everyone, crew, otherRole, member) => {
        await h.handle.db.delete(permissionOverwrites).where(eq(permissionOverwrites.channelId, BigInt(g.channelId)));
        const rows = [
          [everyone, "role", g.everyone],
          [crew, "role", g.roleId],
          [otherRole, "role", other.id],
          [member, "member", g.crew.id],
        ] as const;
        for (const [o, targetType, targetId] of rows) {
          if (o) await h.handle.db.insert(permissionOverwrites).values({ serverId: BigInt(g.serverId), channelId: BigInt(g.channelId), targetType, targetId: BigInt(targetId), ...o });
        }
        const roles = [crew, otherRole].flatMap((o) => (o ? [o] : []));
        const expected = channelPermissions(everyoneBase | Permission.VIEW_CHANNEL, { everyone: everyone ?? undefined, roles, member: member ?? undefined });
        const sees = (expected & Permission.VIEW_CHANNEL) !== 0n;
        expect((await listed(g.crew.caller, g.serverId)).includes("crew")).toBe(sees);
        const got = await g.crew.caller.channel.get({ channelId: g.channelId }).then(() => true, () => false);
        expect(got).toBe(sees);
      }),
      { numRuns: 25 },
    );
  });
});
