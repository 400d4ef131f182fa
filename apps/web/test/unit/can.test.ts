/**
 * The client's permission checks (lib/can.ts) against custom roles: the viewer as `server.get`
 * describes them (permissions and rank), members ranked by the roles they hold, roles as targets.
 */
import { Permission, allPermissions, everyoneDefaults } from "@chat/policy/permission-flags";
import { describe, expect, it } from "vitest";

import { can, memberSubject, overwriteSubject, personInChannel, personOf, refusal, roleSubject } from "~/lib/can";

const bits = (...flags: bigint[]) => String(flags.reduce((all, flag) => all | flag, 0n));

/** A server's roles, highest first, as `role.list` answers them. */
const roles = [
  { id: "20", name: "Managers", position: 3, permissions: bits(Permission.MANAGE_ROLES, Permission.KICK_MEMBERS, Permission.MANAGE_MESSAGES) },
  { id: "21", name: "Mods", position: 2, permissions: bits(Permission.MANAGE_MESSAGES) },
  { id: "22", name: "Admin", position: 1, permissions: bits(Permission.ADMINISTRATOR) },
  { id: "1", name: "@everyone", position: 0, permissions: String(everyoneDefaults) },
];

const members: Record<string, { role: "owner" | "admin" | "member"; roleIds: string[] }> = {
  owner: { role: "owner", roleIds: [] },
  admin: { role: "admin", roleIds: ["22"] },
  manager: { role: "member", roleIds: ["20"] },
  mod: { role: "member", roleIds: ["21"] },
  plain: { role: "member", roleIds: [] },
};
type Name = "owner" | "admin" | "manager" | "mod" | "plain";
const ids: Record<Name, string> = { owner: "1", admin: "2", manager: "3", mod: "4", plain: "5" };

/** The viewer as `server.get` would describe them: the union of their roles' flags, their highest position. */
function viewer(name: Name) {
  const held = roles.filter((role) => role.id === "1" || members[name]!.roleIds.includes(role.id));
  const union = held.reduce((all, role) => all | BigInt(role.permissions), 0n);
  const owner = name === "owner";
  const permissions = owner || union & Permission.ADMINISTRATOR ? allPermissions : union;
  return personOf(ids[name], { role: members[name]!.role, permissions: String(permissions), rank: Math.max(...held.map((role) => role.position)) });
}
const target = (name: Name) => memberSubject(ids[name], members[name], roles);
const everyone: Name[] = ["owner", "admin", "manager", "mod", "plain"];

describe("can, with custom roles", () => {
  it("ranks a member by the highest role they hold, and someone not in the list as no member", () => {
    expect(everyone.map((name) => target(name).rank)).toEqual([0, 1, 3, 2, 0]);
    expect(target("owner").owner).toBe(true);
    expect(memberSubject("9", undefined, roles)).toEqual({ userId: "9", owner: false, rank: null });
  });

  it("follows the API's table for the built-in roles as before", () => {
    expect(everyone.map((name) => can("channel.create", viewer(name)))).toEqual([true, true, false, false, false]);
    expect(everyone.map((name) => can("server.delete", viewer(name)))).toEqual([true, false, false, false, false]);
    expect(everyone.map((name) => can("server.leave", viewer(name)))).toEqual([false, true, true, true, true]);
    expect(can("member.ban", viewer("owner"), target("admin"))).toBe(true);
    expect(can("member.ban", viewer("owner"), target("owner"))).toBe(false);
    expect(can("member.ban", viewer("admin"), target("plain"))).toBe(true);
    expect(can("member.ban", viewer("admin"), target("owner"))).toBe(false);
    expect(can("channel.create", undefined)).toBe(false);
  });

  it("lets a role with MANAGE_MESSAGES delete others' messages, never the owner's", () => {
    const deleteOf = (actor: Name) => everyone.map((author) => can("message.delete", viewer(actor), target(author)));
    expect(deleteOf("mod")).toEqual([false, true, true, true, true]);
    expect(deleteOf("plain")).toEqual([false, false, false, false, true]);
    expect(can("message.delete", viewer("mod"), memberSubject(null, undefined, roles))).toBe(true);
    expect(everyone.map((name) => can("message.pin", viewer(name)))).toEqual([true, true, true, true, false]);
  });

  it("lets KICK_MEMBERS kick only those below the kicker's highest role", () => {
    expect(everyone.map((name) => can("member.remove", viewer("manager"), target(name)))).toEqual([false, true, false, true, true]);
    expect(everyone.map((name) => can("member.remove", viewer("mod"), target(name)))).toEqual([false, false, false, false, false]);
    expect(refusal("member.remove", viewer("manager"), target("owner"))).toBe("Only members below your highest role");
  });

  it("lets MANAGE_ROLES manage roles below its own, granting nothing it lacks, and says why not", () => {
    const manager = viewer("manager");
    expect(roles.map((role) => can("role.manage", manager, roleSubject(role)))).toEqual([false, true, false, true]);
    expect(refusal("role.manage", manager, roleSubject(roles[0]!))).toBe("Only roles below your highest role");
    expect(refusal("role.manage", manager, roleSubject(roles[2]!))).toBe("You cannot grant permissions you do not have");
    expect(refusal("role.manage", viewer("mod"), roleSubject(roles[3]!))).toBe("Your role does not allow this");
    expect(roles.map((role) => can("role.manage", viewer("owner"), roleSubject(role)))).toEqual([true, true, true, true]);
    // Handing out roles: to oneself or to those below.
    expect(everyone.map((name) => can("member.assignRole", manager, target(name)))).toEqual([false, true, true, true, true]);
  });

  it("judges a channel's overwrites as the API does: flags the viewer holds in that channel, on a role below theirs", () => {
    const manager = viewer("manager");
    const held = { everyoneRoleId: "1", roleIds: members.manager!.roleIds };
    const change = (overwrites: Parameters<typeof personInChannel>[1], target: { targetType: "role" | "member"; targetId: string }, flag: bigint) =>
      refusal("overwrite.manage", personInChannel(manager, overwrites, held), overwriteSubject(target, roles, flag));
    const mods = { targetType: "role" as const, targetId: "21" };
    const plainMember = { targetType: "member" as const, targetId: ids.plain };
    // Held by their roles: theirs to allow or deny, for a role below or a member.
    expect(change([], mods, Permission.MANAGE_MESSAGES)).toBeNull();
    expect(change([], plainMember, Permission.SEND_MESSAGES | Permission.VIEW_CHANNEL)).toBeNull();
    // Not held: the toggle is disabled, with the API's reason.
    expect(change([], mods, Permission.MENTION_EVERYONE)).toBe("You cannot grant permissions you do not have");
    expect(change([], { targetType: "role", targetId: "20" }, Permission.SEND_MESSAGES)).toBe("Only roles below your highest role");
    // Taken from them in this channel by an overwrite on their role, given back by one on them.
    const denied = [{ targetType: "role" as const, targetId: "20", allow: 0n, deny: Permission.MANAGE_MESSAGES }];
    expect(change(denied, mods, Permission.MANAGE_MESSAGES)).toBe("You cannot grant permissions you do not have");
    const givenBack = [...denied, { targetType: "member" as const, targetId: ids.manager, allow: Permission.MANAGE_MESSAGES | Permission.MENTION_EVERYONE, deny: 0n }];
    expect(change(givenBack, mods, Permission.MANAGE_MESSAGES | Permission.MENTION_EVERYONE)).toBeNull();
    // Without MANAGE_ROLES in the channel, nothing; the owner and administrators, everything.
    const everyoneDenied = { targetType: "role" as const, targetId: "1", allow: 0n, deny: Permission.MANAGE_ROLES };
    expect(change([everyoneDenied], mods, 0n)).toBe("Your role does not allow this");
    expect(change([everyoneDenied, { targetType: "role", targetId: "20", allow: Permission.MANAGE_ROLES, deny: 0n }], mods, 0n)).toBeNull();
    for (const name of ["owner", "admin"] as const) {
      const actor = personInChannel(viewer(name), denied, { everyoneRoleId: "1", roleIds: members[name]!.roleIds });
      const everyoneRole = { targetType: "role" as const, targetId: "1" };
      expect(refusal("overwrite.manage", actor, overwriteSubject(everyoneRole, roles, Permission.MENTION_EVERYONE | Permission.MANAGE_ROLES))).toBeNull();
    }
  });
});
