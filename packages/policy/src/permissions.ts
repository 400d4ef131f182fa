import type { Role } from "@chat/validators";

import { type DomainError, fail } from "./errors";
import { timeoutRefusal } from "./timeouts";

/**
 * Who an action is done to, for the rules that depend on it (deleting someone's message, removing
 * or banning a member). `role` is null when they are not (or no longer) a member.
 */
export interface Target {
  userId: bigint | null;
  role: Role | null;
}

export interface Actor {
  userId: bigint;
  role: Role;
  /** Set while the actor is timed out: see `timeoutRefusal`. */
  timedOutUntil?: Date | null;
}

/** A grant decides for one role; `null` means allowed, an error means refused with that error. */
type Grant = (actor: Actor, target?: Target) => DomainError | null;

const yes: Grant = () => null;
const no: Grant = () => fail.forbidden();
const ownOnly: Grant = (actor, target) => (target?.userId === actor.userId ? null : fail.forbidden());
const exceptOwners: Grant = (actor, target) =>
  target?.userId === actor.userId || target?.role !== "owner" ? null : fail.forbidden("The owner's content is theirs to manage");
const othersOnly: Grant = (actor, target) =>
  target?.userId === actor.userId ? fail.badRequest("To remove yourself, leave the server") : null;
const membersOnly: Grant = (actor, target) => (target?.role === "member" ? null : fail.forbidden());
const rank: Record<Role, number> = { owner: 0, admin: 1, member: 2 };
/** Someone of a lower role, or no role (a non-member): owners act on everyone else, admins on members. */
const lowerRolesOnly: Grant = (actor, target) => {
  if (target?.userId === actor.userId) return fail.badRequest("You cannot do this to yourself");
  return !target?.role || rank[target.role] > rank[actor.role] ? null : fail.forbidden("Only members of a lower role");
};
const transferFirst: Grant = () => fail.badRequest("The owner cannot leave: transfer ownership or delete the server first");

/**
 * The whole authorization model: action × role. People who are not members of a server get
 * NOT_FOUND before this table is consulted, so a server's existence never leaks.
 */
export const permissions = {
  "server.read": /*               */ { owner: yes, admin: yes, member: yes },
  "server.update": /*             */ { owner: yes, admin: yes, member: no },
  "server.regenerateInvite": /*   */ { owner: yes, admin: yes, member: no },
  "server.delete": /*             */ { owner: yes, admin: no, member: no },
  "server.leave": /*              */ { owner: transferFirst, admin: yes, member: yes },
  "member.read": /*               */ { owner: yes, admin: yes, member: yes },
  "member.updateRole": /*         */ { owner: yes, admin: no, member: no },
  "member.transferOwnership": /*  */ { owner: yes, admin: no, member: no },
  "member.remove": /*             */ { owner: othersOnly, admin: membersOnly, member: no },
  "member.ban": /*                */ { owner: lowerRolesOnly, admin: lowerRolesOnly, member: no },
  /** Setting and lifting timeouts: as bans, only on someone of a lower role. */
  "member.timeout": /*            */ { owner: lowerRolesOnly, admin: lowerRolesOnly, member: no },
  "member.unban": /*              */ { owner: yes, admin: yes, member: no },
  "ban.read": /*                  */ { owner: yes, admin: yes, member: no },
  /** The standing code, every invite (list, revoke): a key to the server that never runs out. */
  "invite.manage": /*             */ { owner: yes, admin: yes, member: no },
  /** An invite of one's own; one who may not manage invites gets one that expires (packages/api, invites/rules.ts). */
  "invite.create": /*             */ { owner: yes, admin: yes, member: yes },
  "audit.read": /*                */ { owner: yes, admin: yes, member: no },
  "channel.read": /*              */ { owner: yes, admin: yes, member: yes },
  "channel.create": /*            */ { owner: yes, admin: yes, member: no },
  "channel.update": /*            */ { owner: yes, admin: yes, member: no },
  "channel.delete": /*            */ { owner: yes, admin: yes, member: no },
  "channel.setSlowmode": /*       */ { owner: yes, admin: yes, member: no },
  "message.read": /*              */ { owner: yes, admin: yes, member: yes },
  "message.send": /*              */ { owner: yes, admin: yes, member: yes },
  "message.edit": /*              */ { owner: ownOnly, admin: ownOnly, member: ownOnly },
  "message.delete": /*            */ { owner: yes, admin: exceptOwners, member: ownOnly },
  /** Adding or removing one's own reaction, on anyone's message. */
  "message.react": /*             */ { owner: yes, admin: yes, member: yes },
  /** Not a procedure: whether `@everyone` in a message mentions everyone (from others it stays plain text). */
  "message.mentionEveryone": /*   */ { owner: yes, admin: yes, member: no },
  /** Pinning and unpinning anyone's message, in a channel one can read. */
  "message.pin": /*               */ { owner: yes, admin: yes, member: no },
  /** Not a procedure: whether a channel's slowmode lets the sender through without waiting. */
  "message.skipSlowmode": /*      */ { owner: yes, admin: yes, member: no },
} satisfies Record<string, Record<Role, Grant>>;

export type Action = keyof typeof permissions;

/** Whether `actor` may do `action`, for rules that change what a procedure does rather than refuse it. */
export function isAllowed(action: Action, actor: Actor, target?: Target): boolean {
  return permissions[action][actor.role](actor, target) === null;
}

/** Throws the refusal for `actor` doing `action` (to `target`), or returns when allowed. */
export function authorize(action: Action, actor: Actor, target?: Target): void {
  const refusal = permissions[action][actor.role](actor, target) ?? timeoutRefusal(action, actor);
  if (refusal) throw refusal;
}
