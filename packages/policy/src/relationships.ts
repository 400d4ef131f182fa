/**
 * The rules between two people, outside any server: who may see whose profile and what a friend
 * request does. `mine` is how the caller stands towards the other person, `theirs` how the other
 * stands towards the caller (packages/db, `relationships`: one row per side).
 */
import { type DomainError, fail } from "./errors";

export type RelationshipKind = "friend" | "incoming" | "outgoing" | "blocked";

export interface Standing {
  mine?: RelationshipKind;
  theirs?: RelationshipKind;
}

/**
 * A friend request to someone who blocked you fails as one to a name nobody has: the sender
 * cannot tell a block from a typo. A request to someone whose request is waiting accepts it.
 */
const friendRequest: Record<RelationshipKind | "none", () => DomainError | "request" | "accept"> = {
  none: () => "request",
  incoming: () => "accept",
  outgoing: () => fail.conflict("You already sent them a friend request"),
  friend: () => fail.conflict("You are already friends"),
  blocked: () => fail.conflict("Unblock them first"),
};

export function friendRequestOutcome({ mine, theirs }: Standing): DomainError | "request" | "accept" {
  if (theirs === "blocked") return fail.notFound("User");
  return friendRequest[mine ?? "none"]();
}

/** A profile shows to its owner, to those who share a server with them, and to those who know them (a friend, a request, a block). */
export function profileVisible({ self, sharesServer, mine }: { self: boolean; sharesServer: boolean; mine?: RelationshipKind }): boolean {
  return self || sharesServer || mine !== undefined;
}
