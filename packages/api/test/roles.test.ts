/** Custom roles through the router on a real database: what they grant, the hierarchy, dense positions, the audit log. */
import { auditLog, eq } from "@chat/db";
import { Permission, allPermissions, everyoneDefaults } from "@chat/policy/permission-flags";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const flags = (...names: Array<keyof typeof Permission>) => String(names.reduce((all, name) => all | Permission[name], 0n));

/** A server with an owner, an admin and two members. */
async function guild() {
  const [owner, admin, member, member2] = await Promise.all(["owner", "admin", "member", "member"].map((name) => h.user(name)));
  const server = await owner!.caller.server.create({ name: "Guild" });
  for (const user of [admin!, member!, member2!]) await user.caller.server.join({ inviteCode: server.inviteCode });
  await owner!.caller.member.updateRole({ serverId: server.id, userId: admin!.id, role: "admin" });
  return { owner: owner!, admin: admin!, member: member!, member2: member2!, serverId: server.id };
}

const positions = (roles: Array<{ name: string; position: number }>) => roles.map((role) => [role.name, role.position]);

describe("roles", () => {
  it("a new server has @everyone with the defaults and Admin with ADMINISTRATOR; members see them and the caller's permissions", async () => {
    const g = await guild();
    const roles = await g.member.caller.role.list({ serverId: g.serverId });
    expect(roles).toEqual([
      { id: expect.any(String), name: "Admin", colour: null, position: 1, permissions: flags("ADMINISTRATOR"), mentionable: false, hoist: false, builtIn: "admin" },
      { id: g.serverId, name: "@everyone", colour: null, position: 0, permissions: String(everyoneDefaults), mentionable: false, hoist: false, builtIn: "everyone" },
    ]);
    expect((await g.member.caller.server.get({ serverId: g.serverId })).permissions).toBe(String(everyoneDefaults));
    expect((await g.admin.caller.server.get({ serverId: g.serverId })).permissions).toBe(String(allPermissions));
    // The caller's rank (their highest role's position) travels with their permissions, so clients judge the hierarchy.
    expect(await Promise.all([g.member, g.admin].map(async (user) => (await user.caller.server.get({ serverId: g.serverId })).rank))).toEqual([0, 1]);
    expect((await g.admin.caller.server.list()).find((server) => server.id === g.serverId)?.rank).toBe(1);
    const members = await g.owner.caller.member.list({ serverId: g.serverId });
    expect(members.find((m) => m.userId === g.admin.id)?.roleIds).toEqual([roles[0]!.id]);
  });

  it("a role grants its flags: a member with KICK_MEMBERS kicks those below, not those at or above", async () => {
    const g = await guild();
    await expectCode(g.member.caller.member.remove({ serverId: g.serverId, userId: g.member2.id }), "FORBIDDEN");
    const mods = await g.owner.caller.role.create({ serverId: g.serverId, name: "Mods", permissions: flags("KICK_MEMBERS"), colour: 0x3498db });
    expect(mods).toMatchObject({ name: "Mods", position: 1, colour: 0x3498db, permissions: flags("KICK_MEMBERS") });
    const withRole = await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: mods.id });
    expect(withRole.roleIds).toEqual([mods.id]);
    await expectCode(g.member.caller.member.remove({ serverId: g.serverId, userId: g.admin.id }), "FORBIDDEN");
    await expectCode(g.member.caller.server.update({ serverId: g.serverId, name: "Mine" }), "FORBIDDEN");
    await g.member.caller.member.remove({ serverId: g.serverId, userId: g.member2.id });
    // Taken back, the flag goes with it.
    await g.owner.caller.member.removeRole({ serverId: g.serverId, userId: g.member.id, roleId: mods.id });
    await g.member2.caller.server.join({ inviteCode: (await g.owner.caller.server.get({ serverId: g.serverId })).inviteCode! });
    await expectCode(g.member.caller.member.remove({ serverId: g.serverId, userId: g.member2.id }), "FORBIDDEN");
  });

  it("positions stay dense through creation, moves and deletion", async () => {
    const g = await guild();
    const a = await g.owner.caller.role.create({ serverId: g.serverId, name: "A" });
    const b = await g.owner.caller.role.create({ serverId: g.serverId, name: "B" });
    expect(positions(await g.owner.caller.role.list({ serverId: g.serverId }))).toEqual([["Admin", 3], ["A", 2], ["B", 1], ["@everyone", 0]]);
    expect(positions(await g.owner.caller.role.move({ serverId: g.serverId, roleId: b.id, position: 3 }))).toEqual([["B", 3], ["Admin", 2], ["A", 1], ["@everyone", 0]]);
    expect(positions(await g.owner.caller.role.move({ serverId: g.serverId, roleId: b.id, position: 1 }))).toEqual([["Admin", 3], ["A", 2], ["B", 1], ["@everyone", 0]]);
    await g.owner.caller.role.delete({ serverId: g.serverId, roleId: a.id });
    expect(positions(await g.owner.caller.role.list({ serverId: g.serverId }))).toEqual([["Admin", 2], ["B", 1], ["@everyone", 0]]);
    await expectCode(g.owner.caller.role.move({ serverId: g.serverId, roleId: b.id, position: 3 }), "BAD_REQUEST");
  });

  it("concurrent creations and moves keep positions dense", async () => {
    const g = await guild();
    const created = await Promise.all(["A", "B", "C", "D"].map((name) => g.owner.caller.role.create({ serverId: g.serverId, name })));
    await Promise.all(created.map((role, index) => g.owner.caller.role.move({ serverId: g.serverId, roleId: role.id, position: 1 + index })));
    const roles = await g.owner.caller.role.list({ serverId: g.serverId });
    expect(roles.map((role) => role.position)).toEqual([5, 4, 3, 2, 1, 0]);
  });

  it("nobody manages a role at or above their own highest, nor grants flags they lack", async () => {
    const g = await guild();
    const managers = await g.owner.caller.role.create({ serverId: g.serverId, name: "Managers", permissions: flags("MANAGE_ROLES", "KICK_MEMBERS") });
    await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: managers.id });
    // At their own level: not theirs to manage.
    await expectCode(g.member.caller.role.update({ serverId: g.serverId, roleId: managers.id, name: "Bosses" }), "FORBIDDEN");
    await expectCode(g.member.caller.member.addRole({ serverId: g.serverId, userId: g.member2.id, roleId: managers.id }), "FORBIDDEN");
    // A role they create sits below theirs, but cannot grant what they lack.
    await expectCode(g.member.caller.role.create({ serverId: g.serverId, name: "Bans", permissions: flags("BAN_MEMBERS") }), "FORBIDDEN");
    const helpers = await g.member.caller.role.create({ serverId: g.serverId, name: "Helpers", permissions: flags("KICK_MEMBERS") });
    await g.member.caller.member.addRole({ serverId: g.serverId, userId: g.member2.id, roleId: helpers.id });
    await expectCode(g.member.caller.role.update({ serverId: g.serverId, roleId: helpers.id, permissions: flags("MANAGE_SERVER") }), "FORBIDDEN");
    await expectCode(g.member.caller.role.move({ serverId: g.serverId, roleId: helpers.id, position: 3 }), "FORBIDDEN");
    // The Admin role stands above them; the admin (Admin is their highest) does not manage it either.
    const admin = (await g.owner.caller.role.list({ serverId: g.serverId })).find((role) => role.builtIn === "admin")!;
    await expectCode(g.member.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: admin.id }), "FORBIDDEN");
    await expectCode(g.admin.caller.role.update({ serverId: g.serverId, roleId: admin.id, name: "Root" }), "FORBIDDEN");
    // No MANAGE_ROLES at all.
    await expectCode(g.member2.caller.role.create({ serverId: g.serverId, name: "X" }), "FORBIDDEN");
  });

  it("built-in roles: @everyone keeps its name and place, Admin its flag, and neither can be deleted or handed out as @everyone", async () => {
    const g = await guild();
    const [admin, everyone] = await g.owner.caller.role.list({ serverId: g.serverId });
    await expectCode(g.owner.caller.role.update({ serverId: g.serverId, roleId: everyone!.id, name: "all" }), "BAD_REQUEST");
    await expectCode(g.owner.caller.role.update({ serverId: g.serverId, roleId: admin!.id, permissions: "0" }), "BAD_REQUEST");
    await expectCode(g.owner.caller.role.delete({ serverId: g.serverId, roleId: everyone!.id }), "BAD_REQUEST");
    await expectCode(g.owner.caller.role.delete({ serverId: g.serverId, roleId: admin!.id }), "BAD_REQUEST");
    await expectCode(g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: everyone!.id }), "BAD_REQUEST");
    // @everyone's permissions do change, for every member at once.
    await g.owner.caller.role.update({ serverId: g.serverId, roleId: everyone!.id, permissions: flags("VIEW_CHANNEL", "READ_HISTORY") });
    const [general] = await g.member.caller.channel.list({ serverId: g.serverId });
    await expectCode(g.member.caller.message.send({ channelId: general!.id, content: "hi" }), "FORBIDDEN");
  });

  it("the Admin role and the REST v1 role move together", async () => {
    const g = await guild();
    const admin = (await g.owner.caller.role.list({ serverId: g.serverId })).find((role) => role.builtIn === "admin")!;
    expect((await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: admin.id })).role).toBe("admin");
    expect((await g.member.caller.server.get({ serverId: g.serverId })).role).toBe("admin");
    expect((await g.owner.caller.member.removeRole({ serverId: g.serverId, userId: g.member.id, roleId: admin.id })).role).toBe("member");
    const demoted = await g.owner.caller.member.updateRole({ serverId: g.serverId, userId: g.admin.id, role: "member" });
    expect(demoted).toMatchObject({ role: "member", roleIds: [] });
    await expectCode(g.admin.caller.channel.create({ serverId: g.serverId, name: "nope" }), "FORBIDDEN");
    // A transfer leaves the previous owner an admin, holding Admin; the new owner stays owner whatever they hold.
    await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: admin.id });
    await g.owner.caller.member.transferOwnership({ serverId: g.serverId, userId: g.member.id });
    const members = await g.member.caller.member.list({ serverId: g.serverId });
    expect(members.find((m) => m.userId === g.owner.id)).toMatchObject({ role: "admin", roleIds: [admin.id] });
    expect(members.find((m) => m.userId === g.member.id)).toMatchObject({ role: "owner" });
  });

  it("every change goes to the audit log", async () => {
    const g = await guild();
    const role = await g.owner.caller.role.create({ serverId: g.serverId, name: "Crew", permissions: flags("ADD_REACTIONS") });
    await g.owner.caller.role.update({ serverId: g.serverId, roleId: role.id, name: "Team", permissions: flags("ADD_REACTIONS", "ATTACH_FILES") });
    await g.owner.caller.role.move({ serverId: g.serverId, roleId: role.id, position: 2 });
    await g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: role.id });
    await g.owner.caller.member.removeRole({ serverId: g.serverId, userId: g.member.id, roleId: role.id });
    await g.owner.caller.role.delete({ serverId: g.serverId, roleId: role.id });
    const entries = await h.handle.db.select().from(auditLog).where(eq(auditLog.serverId, BigInt(g.serverId))).orderBy(auditLog.id);
    expect(entries.filter((e) => e.action !== "member.role").map((e) => [e.action, e.targetName, e.details])).toEqual([
      ["role.create", "Crew", { permissions: "ADD_REACTIONS" }],
      ["role.update", "Team", { name: { from: "Crew", to: "Team" }, permissions: { from: "ADD_REACTIONS", to: "ADD_REACTIONS, ATTACH_FILES" } }],
      ["role.move", "Team", { from: 1, to: 2 }],
      ["member.add_role", g.member.username, { roleId: role.id, roleName: "Team" }],
      ["member.remove_role", g.member.username, { roleId: role.id, roleName: "Team" }],
      ["role.delete", "Team", {}],
    ]);
  });

  it("hostile input: other servers' roles are NOT_FOUND; bad names, colours, flags and positions are 400", async () => {
    const g = await guild();
    const elsewhere = await guild();
    const foreign = await elsewhere.owner.caller.role.create({ serverId: elsewhere.serverId, name: "Theirs" });
    await expectCode(g.owner.caller.role.update({ serverId: g.serverId, roleId: foreign.id, name: "Mine" }), "NOT_FOUND");
    await expectCode(g.owner.caller.role.delete({ serverId: g.serverId, roleId: foreign.id }), "NOT_FOUND");
    await expectCode(g.owner.caller.member.addRole({ serverId: g.serverId, userId: g.member.id, roleId: foreign.id }), "NOT_FOUND");
    await expectCode(g.owner.caller.role.update({ serverId: elsewhere.serverId, roleId: foreign.id, name: "Mine" }), "NOT_FOUND");
    for (const name of ["", "x".repeat(101), "bad\u0007name"]) {
      await expectCode(g.owner.caller.role.create({ serverId: g.serverId, name }), "BAD_REQUEST");
    }
    for (const colour of [-1, 0x1000000, 1.5]) {
      await expectCode(g.owner.caller.role.create({ serverId: g.serverId, name: "C", colour }), "BAD_REQUEST");
    }
    for (const permissions of ["-1", "0x10", "1e3", "", "1".repeat(21)]) {
      await expectCode(g.owner.caller.role.create({ serverId: g.serverId, name: "P", permissions }), "BAD_REQUEST");
    }
    // Bits that no flag names are dropped, not stored.
    const role = await g.owner.caller.role.create({ serverId: g.serverId, name: "Bits", permissions: String((1n << 60n) | Permission.ADD_REACTIONS) });
    expect(role.permissions).toBe(flags("ADD_REACTIONS"));
    for (const position of [0, -1, 1000]) {
      await expectCode(g.owner.caller.role.move({ serverId: g.serverId, roleId: role.id, position }), "BAD_REQUEST");
    }
    await expectCode(g.owner.caller.role.update({ serverId: g.serverId, roleId: role.id }), "BAD_REQUEST");
  });
});
