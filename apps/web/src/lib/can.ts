import { applicableOverwrites, channelPermissions } from "@chat/policy/compute-permissions";
import { fail } from "@chat/policy/errors";
import { permissionsFromString } from "@chat/policy/permission-flags";
import { type Action, permissions } from "@chat/policy/permissions";
import type { Role } from "@chat/validators";

/**
 * The viewer in a server as the API's procedure builders load them (the policy's `Actor`): whether
 * they own it, their permission flags and the position of their highest role, from `server.get`.
 */
export interface Person {
  userId: string;
  owner: boolean;
  permissions: bigint;
  rank: number;
}

/** Whom (or which role) an action is done to: the policy's `Target`, ids as the API sends them. */
export interface Subject {
  userId: string | null;
  owner: boolean;
  /** Their highest role's position; null for someone who is not a member. */
  rank: number | null;
  /** For a role: the flags it holds. */
  permissions?: bigint;
}

/** The viewer as `server.get` (or an entry of `server.list`) describes them. */
export function personOf(userId: string, server: { role: Role; permissions: string; rank: number }): Person {
  return { userId, owner: server.role === "owner", permissions: permissionsFromString(server.permissions), rank: server.rank };
}

interface RoleLike {
  id: string;
  position: number;
  permissions: string;
}

/**
 * A member as a target: their rank is the position of the highest role they hold (`@everyone`,
 * which everyone holds, is 0). Someone missing from the member list is not a member.
 */
export function memberSubject(userId: string | null, member: { role: Role; roleIds: string[] } | undefined, roles: readonly RoleLike[]): Subject {
  if (!member) return { userId, owner: false, rank: null };
  const held = new Set(member.roleIds);
  const rank = roles.reduce((highest, role) => (held.has(role.id) ? Math.max(highest, role.position) : highest), 0);
  return { userId, owner: member.role === "owner", rank };
}

/** A role as a target: where it stands and what it grants. */
export function roleSubject(role: { position: number; permissions: string }): Subject {
  return { userId: null, owner: false, rank: role.position, permissions: permissionsFromString(role.permissions) };
}

/** One of a channel's overwrites in force, as `overwrite.list` answers it (flags parsed). */
export interface OverwriteLike {
  targetType: "role" | "member";
  targetId: string;
  allow: bigint;
  deny: bigint;
}

/**
 * The viewer as the API judges them in a channel (its procedures load their permissions there):
 * their server permissions after the channel's overwrites that apply to them, by the policy's own
 * algorithm (compute-permissions.ts). `roleIds` are the roles they hold besides `@everyone`.
 */
export function personInChannel(person: Person, overwrites: readonly OverwriteLike[], held: { everyoneRoleId: string; roleIds: readonly string[] }): Person {
  const all = overwrites.map((overwrite) => ({ type: overwrite.targetType, id: BigInt(overwrite.targetId), allow: overwrite.allow, deny: overwrite.deny }));
  const subject = { userId: BigInt(person.userId), everyoneRoleId: BigInt(held.everyoneRoleId), roleIds: held.roleIds.map(BigInt) };
  return { ...person, permissions: channelPermissions(person.permissions, applicableOverwrites(all, subject)) };
}

/** An overwrite's target as the API judges a change of it: a role where it stands (a member has no rank there), with the flags the change turns on or off. */
export function overwriteSubject(target: { targetType: "role" | "member"; targetId: string }, roles: readonly RoleLike[], changed: bigint): Subject {
  const rank = target.targetType === "role" ? (roles.find((role) => role.id === target.targetId)?.position ?? null) : null;
  return { userId: null, owner: false, rank, permissions: changed };
}

/**
 * Why the API would refuse `actor` doing `action` (to `target`), or null when it would allow it:
 * the client asks the API's own permission table with the same Actor the server builds, so that it
 * shows exactly the controls the server accepts and can say why the others are disabled.
 */
export function refusal(action: Action, actor: Person | undefined, target?: Subject): string | null {
  // In the policy's own words, as every other refusal here: the API's refusal of a signed-out caller.
  if (!actor) return fail.unauthorized().message;
  const toBigInt = (id: string | null) => (id === null ? null : BigInt(id));
  const refused = permissions[action]({ ...actor, userId: BigInt(actor.userId) }, target && { ...target, userId: toBigInt(target.userId) });
  return refused?.message ?? null;
}

export function can(action: Action, actor: Person | undefined, target?: Subject): boolean {
  return actor !== undefined && refusal(action, actor, target) === null;
}
