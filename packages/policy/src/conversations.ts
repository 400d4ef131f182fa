/**
 * Direct messages and group DMs: channels without a server, whose people are their recipients.
 * What a participant may do there, and who may start a conversation with whom. A stranger to a
 * conversation learns nothing of it: channel access answers NOT_FOUND before any rule is read.
 */
import { type DomainError, fail } from "./errors";
import { Permission } from "./permission-flags";
import type { RelationshipKind } from "./relationships";

/** Every participant talks, reads, reacts and attaches; nobody moderates another's messages. */
const participant = Permission.VIEW_CHANNEL | Permission.SEND_MESSAGES | Permission.READ_HISTORY | Permission.ADD_REACTIONS | Permission.ATTACH_FILES;

/** In a DM where either side blocked the other, the history stays readable and nothing new gets in. */
export function conversationPermissions({ blocked }: { blocked: boolean }): bigint {
  return blocked ? Permission.VIEW_CHANNEL | Permission.READ_HISTORY : participant;
}

export interface DmStanding {
  /** How the caller stands towards the other person, and they towards the caller. */
  mine?: RelationshipKind;
  theirs?: RelationshipKind;
  /** Whether they share a server in which the other accepts DMs from members (their setting, or that server's override). */
  sharedServerAllowsDms: boolean;
  /** Whether they share any server at all. */
  sharesServer: boolean;
}

/**
 * Who may open a DM: friends, and people who share a server with someone who accepts DMs from
 * its members (on by default). A block either way refuses, and so does the other's privacy
 * setting, with one answer that does not say which; a stranger is NOT_FOUND, as an unknown id.
 */
export function dmOpenRefusal({ mine, theirs, sharedServerAllowsDms, sharesServer }: DmStanding): DomainError | null {
  if (mine === "blocked") return fail.conflict("Unblock them first");
  if (theirs === "blocked") return fail.forbidden("They do not accept direct messages from you");
  if (mine === "friend") return null;
  if (!sharesServer && mine === undefined) return fail.notFound("User");
  return sharedServerAllowsDms ? null : fail.forbidden("They do not accept direct messages from you");
}

/** Who may be added to a group: a friend of whoever adds them (a block ends a friendship, so never someone who blocked them). */
export function groupAddRefusal({ mine }: { mine?: RelationshipKind }): DomainError | null {
  return mine === "friend" ? null : fail.forbidden("Only your friends can be added to a group");
}
