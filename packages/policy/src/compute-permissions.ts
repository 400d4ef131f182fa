/**
 * A member's permissions, by Discord's algorithm, as pure functions of their roles and a
 * channel's overwrites. The procedure builders (packages/api, core/trpc.ts) ask these and the
 * permission table (permissions.ts) decides from the answer; nothing else reads roles.
 *
 * In two steps, so that a caller holding only the union of a member's role bits (an aggregate in
 * the statement that loads a membership) can use the first alone:
 * 1. `basePermissions`: the union of `@everyone` and the member's roles; the owner and
 *    ADMINISTRATOR hold everything.
 * 2. `channelPermissions`: the overwrites that apply to the member (`applicableOverwrites`), in
 *    order: `@everyone`'s (deny, then allow), the member's roles' combined (all denies, then all
 *    allows), the member's own last. ADMINISTRATOR is never overwritten.
 */
import { Permission, allPermissions } from "./permission-flags";

/** What a member's roles give them in a server, before any channel's overwrites. */
export interface RolePermissions {
  owner: boolean;
  /** The bits of every role the member holds, `@everyone` included (a union: their OR). */
  roles: readonly bigint[];
}

export function basePermissions(member: RolePermissions): bigint {
  if (member.owner) return allPermissions;
  const union = member.roles.reduce((all, bits) => all | bits, 0n);
  return union & Permission.ADMINISTRATOR ? allPermissions : union & allPermissions;
}

export interface AllowDeny {
  allow: bigint;
  deny: bigint;
}

/** One overwrite on a channel (or category): for a role, or for one member. */
export interface Overwrite extends AllowDeny {
  type: "role" | "member";
  /** The role's id, or the member's user id. */
  id: bigint;
}

/** The overwrites of a channel that concern one member, in the groups the algorithm applies. */
export interface ApplicableOverwrites {
  everyone?: AllowDeny;
  roles: readonly AllowDeny[];
  member?: AllowDeny;
}

export interface OverwriteSubject {
  userId: bigint;
  everyoneRoleId: bigint;
  /** The member's roles besides `@everyone`. */
  roleIds: readonly bigint[];
}

/** Picks, from all of a channel's overwrites, the ones that apply to `subject`. */
export function applicableOverwrites(overwrites: readonly Overwrite[], subject: OverwriteSubject): ApplicableOverwrites {
  const roleIds = new Set(subject.roleIds);
  return {
    everyone: overwrites.find((o) => o.type === "role" && o.id === subject.everyoneRoleId),
    roles: overwrites.filter((o) => o.type === "role" && o.id !== subject.everyoneRoleId && roleIds.has(o.id)),
    member: overwrites.find((o) => o.type === "member" && o.id === subject.userId),
  };
}

/** The permissions `base` (from `basePermissions`) leaves a member in a channel with these overwrites. */
export function channelPermissions(base: bigint, overwrites: ApplicableOverwrites): bigint {
  if (base & Permission.ADMINISTRATOR) return allPermissions;
  const combined = overwrites.roles.reduce((all, o) => ({ allow: all.allow | o.allow, deny: all.deny | o.deny }), { allow: 0n, deny: 0n });
  let permissions = base;
  for (const step of [overwrites.everyone, combined, overwrites.member]) {
    if (step) permissions = (permissions & ~step.deny) | step.allow;
  }
  // An overwrite grants channel permissions only: ADMINISTRATOR comes from roles alone.
  return permissions & allPermissions & ~Permission.ADMINISTRATOR;
}
