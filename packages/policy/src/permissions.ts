import { type DomainError, fail } from "./errors";
import { timeoutRefusal } from "./timeouts";
import { Permission, allPermissions, everyoneDefaults, hasPermissions } from "./permission-flags";

/**
 * Whoever acts, as the procedure builders load them (packages/api, core/trpc.ts): their permission
 * bits from `basePermissions` (compute-permissions.ts) and where they stand in the server's hierarchy.
 */
export interface Actor {
  userId: bigint;
  owner: boolean;
  permissions: bigint;
  /** The position of their highest role (`@everyone` is 0). */
  rank: number;
  /** Set while the actor is timed out: see `timeoutRefusal`. */
  timedOutUntil?: Date | null;
}

/**
 * Who an action is done to, for the rules that depend on it (deleting someone's message, removing
 * or banning a member). `rank` is null when they are not (or no longer) a member.
 */
export interface Target {
  userId: bigint | null;
  owner: boolean;
  rank: number | null;
  /** For a role (not a person, userId null): the flags it holds, which nobody hands out without holding them. */
  permissions?: bigint;
}

/** A grant decides for one action; `null` means allowed, an error means refused with that error. */
type Grant = (actor: Actor, target?: Target) => DomainError | null;

const anyMember: Grant = () => null;
/** Allowed with every flag of `required`. */
const needs =
  (...required: bigint[]): Grant =>
  (actor) =>
    hasPermissions(actor.permissions, required.reduce((all, flag) => all | flag, 0n)) ? null : fail.forbidden();
/** Allowed when every grant allows; otherwise the first refusal. */
const all =
  (...grants: Grant[]): Grant =>
  (actor, target) => {
    for (const grant of grants) {
      const refusal = grant(actor, target);
      if (refusal) return refusal;
    }
    return null;
  };
/** Allowed when any grant allows; otherwise the last refusal (the most specific reason). */
const either =
  (...grants: Grant[]): Grant =>
  (actor, target) => {
    let refusal: DomainError | null = null;
    for (const grant of grants) {
      refusal = grant(actor, target);
      if (!refusal) return null;
    }
    return refusal;
  };

const isSelf = (actor: Actor, target?: Target) => target?.userId === actor.userId;
const ownerOnly: Grant = (actor) => (actor.owner ? null : fail.forbidden());
const ownOnly: Grant = (actor, target) => (isSelf(actor, target) ? null : fail.forbidden());
const notOwnersContent: Grant = (actor, target) =>
  target?.owner && !actor.owner ? fail.forbidden("The owner's content is theirs to manage") : null;
const othersOnly: Grant = (actor, target) => (isSelf(actor, target) ? fail.badRequest("To remove yourself, leave the server") : null);
const notSelf: Grant = (actor, target) => (isSelf(actor, target) ? fail.badRequest("You cannot do this to yourself") : null);
/**
 * The hierarchy: the owner stands above everyone (themselves included: what they may not do to
 * themselves, other rules say); others act only on those whose highest role is below theirs, or
 * on people who are not members.
 */
function outranks(actor: Actor, target: Target): boolean {
  if (actor.owner) return true;
  if (target.owner) return false;
  return target.rank === null || target.rank < actor.rank;
}
const below: Grant = (actor, target) =>
  !target || outranks(actor, target) ? null : fail.forbidden("Only members below your highest role");
const selfOrBelow: Grant = (actor, target) => (isSelf(actor, target) ? null : below(actor, target));
/** A role's flags must be the actor's own: managing roles never hands out more than one holds. */
const grantsNoMore: Grant = (actor, target) =>
  target?.permissions === undefined || hasPermissions(actor.permissions, target.permissions)
    ? null
    : fail.forbidden("You cannot grant permissions you do not have");
const belowRole: Grant = (actor, target) =>
  !target || outranks(actor, target) ? null : fail.forbidden("Only roles below your highest role");
const transferFirst: Grant = (actor) =>
  actor.owner ? fail.badRequest("The owner cannot leave: transfer ownership or delete the server first") : null;

/**
 * The whole authorization model: action → the permission flags (and rules) it takes. People who
 * are not members of a server get NOT_FOUND before this table is consulted, so a server's
 * existence never leaks.
 */
export const permissions = {
  "server.read": /*               */ anyMember,
  "server.update": /*             */ needs(Permission.MANAGE_SERVER),
  "server.regenerateInvite": /*   */ needs(Permission.MANAGE_SERVER),
  "server.setIcon": /*            */ needs(Permission.MANAGE_SERVER),
  "server.delete": /*             */ ownerOnly,
  "server.leave": /*              */ transferFirst,
  "member.read": /*               */ anyMember,
  /** Makes someone an administrator (the built-in Admin role) or not: the owner's decision. */
  "member.updateRole": /*         */ ownerOnly,
  "member.transferOwnership": /*  */ ownerOnly,
  "member.remove": /*             */ all(needs(Permission.KICK_MEMBERS), below, othersOnly),
  "member.ban": /*                */ all(needs(Permission.BAN_MEMBERS), notSelf, below),
  /** Setting and lifting timeouts: as bans, only on someone below. */
  "member.timeout": /*            */ all(needs(Permission.MODERATE_MEMBERS), notSelf, below),
  /** Setting or clearing a nickname (the target's): one's own, or that of someone below. */
  "member.setNickname": /*        */ either(all(ownOnly, needs(Permission.CHANGE_NICKNAME)), all(needs(Permission.MANAGE_NICKNAMES), below)),
  "member.unban": /*              */ needs(Permission.BAN_MEMBERS),
  "ban.read": /*                  */ needs(Permission.BAN_MEMBERS),
  /** The standing code, every invite (list, revoke): a key to the server that never runs out. */
  "invite.manage": /*             */ needs(Permission.MANAGE_SERVER),
  /** An invite of one's own; one who may not manage invites gets one that expires (packages/api, invites/rules.ts). */
  "invite.create": /*             */ needs(Permission.CREATE_INVITE),
  /** Seeing a server's custom emoji (to write and show them). */
  "emoji.read": /*                */ anyMember,
  /** Uploading, renaming and deleting custom emoji (Discord's "Manage Expressions"). */
  "emoji.manage": /*              */ needs(Permission.MANAGE_SERVER),
  "audit.read": /*                */ needs(Permission.VIEW_AUDIT_LOG),
  "channel.read": /*              */ needs(Permission.VIEW_CHANNEL),
  "channel.create": /*            */ needs(Permission.MANAGE_CHANNELS),
  "channel.update": /*            */ needs(Permission.MANAGE_CHANNELS),
  "channel.delete": /*            */ needs(Permission.MANAGE_CHANNELS),
  "channel.setSlowmode": /*       */ needs(Permission.MANAGE_CHANNELS),
  /** Moving a channel within or between categories. */
  "channel.move": /*              */ needs(Permission.MANAGE_CHANNELS),
  "category.read": /*             */ anyMember,
  /** Creating, renaming, moving and deleting a category. */
  "category.manage": /*           */ needs(Permission.MANAGE_CHANNELS),
  "message.read": /*              */ needs(Permission.VIEW_CHANNEL, Permission.READ_HISTORY),
  "message.send": /*              */ needs(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES),
  "message.edit": /*              */ ownOnly,
  /** Uploading a file to send with a message (a send that attaches it needs `message.send` as well). */
  "attachment.create": /*         */ needs(Permission.VIEW_CHANNEL, Permission.SEND_MESSAGES, Permission.ATTACH_FILES),
  /** Removing the link previews of one's own message. */
  "message.removeEmbeds": /*      */ ownOnly,
  "message.delete": /*            */ either(ownOnly, all(needs(Permission.MANAGE_MESSAGES), notOwnersContent)),
  /** Adding or removing one's own reaction, on anyone's message. */
  "message.react": /*             */ needs(Permission.VIEW_CHANNEL, Permission.ADD_REACTIONS),
  /** Not a procedure: whether `@everyone` in a message mentions everyone (from others it stays plain text). */
  "message.mentionEveryone": /*   */ needs(Permission.MENTION_EVERYONE),
  /** Pinning and unpinning anyone's message, in a channel one can read. */
  "message.pin": /*               */ needs(Permission.VIEW_CHANNEL, Permission.MANAGE_MESSAGES),
  /** Not a procedure: whether a channel's slowmode lets the sender through without waiting. */
  "message.skipSlowmode": /*      */ either(needs(Permission.MANAGE_MESSAGES), needs(Permission.MANAGE_CHANNELS)),
  "role.read": /*                 */ anyMember,
  /** Creating, changing, moving, deleting and handing out a role (the target): one below one's highest. */
  "role.manage": /*               */ all(needs(Permission.MANAGE_ROLES), belowRole, grantsNoMore),
  /**
   * Listing and changing a channel's or category's overwrites (Discord's "Manage Permissions"),
   * judged in that channel; the target is the overwrite's role (members: no rank) with the flags
   * the change turns on or off, which the actor must hold.
   */
  "overwrite.manage": /*          */ all(needs(Permission.MANAGE_ROLES), belowRole, grantsNoMore),
  /** Renaming a group, adding a friend to it: anyone in it (its people are its whole access list). */
  "group.update": /*              */ needs(Permission.VIEW_CHANNEL),
  /** Removing someone (the target) from a group: its owner, and not themselves (they leave). */
  "group.removeRecipient": /*     */ all(ownerOnly, notSelf),
  /** Giving a member (the target) roles or taking them: oneself, or someone below. */
  "member.assignRole": /*         */ all(needs(Permission.MANAGE_ROLES), selfOrBelow),
} satisfies Record<string, Grant>;

export type Action = keyof typeof permissions;

/** Whether `actor` may do `action`, for rules that change what a procedure does rather than refuse it. */
export function isAllowed(action: Action, actor: Actor, target?: Target): boolean {
  return permissions[action](actor, target) === null;
}

/** Throws the refusal for `actor` doing `action` (to `target`), or returns when allowed. */
export function authorize(action: Action, actor: Actor, target?: Target): void {
  const refusal = permissions[action](actor, target) ?? timeoutRefusal(action, actor);
  if (refusal) throw refusal;
}

/**
 * What the REST v1 roles (owner, admin, member) stand for in a server whose roles are only the
 * built-in ones (@chat/db, built-in-roles.ts): the owner; the "Admin" role (ADMINISTRATOR, just
 * above `@everyone`); `@everyone`'s defaults. For the authorization matrix and for clients that
 * know people by that role alone.
 */
export function builtInStanding(role: "owner" | "admin" | "member"): Omit<Actor, "userId"> {
  if (role === "owner") return { owner: true, permissions: allPermissions, rank: 1 };
  if (role === "admin") return { owner: false, permissions: allPermissions, rank: 1 };
  return { owner: false, permissions: everyoneDefaults, rank: 0 };
}
