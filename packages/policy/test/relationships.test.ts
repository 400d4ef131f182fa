import { describe, expect, it } from "vitest";

import { DomainError } from "../src/errors";
import { type RelationshipKind, friendRequestOutcome, profileVisible } from "../src/relationships";

const kinds: Array<RelationshipKind | undefined> = [undefined, "friend", "incoming", "outgoing", "blocked"];
const codeOf = (outcome: ReturnType<typeof friendRequestOutcome>) => (outcome instanceof DomainError ? outcome.code : outcome);

describe("friend requests", () => {
  it("decides every pair of standings", () => {
    const table = Object.fromEntries(kinds.map((mine) => [String(mine), kinds.map((theirs) => codeOf(friendRequestOutcome({ mine, theirs })))]));
    // Columns: theirs = none, friend, incoming, outgoing, blocked.
    expect(table).toEqual({
      undefined: ["request", "request", "request", "request", "NOT_FOUND"],
      friend: ["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "NOT_FOUND"],
      incoming: ["accept", "accept", "accept", "accept", "NOT_FOUND"],
      outgoing: ["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "NOT_FOUND"],
      blocked: ["CONFLICT", "CONFLICT", "CONFLICT", "CONFLICT", "NOT_FOUND"],
    });
  });

  it("someone who blocked you answers exactly as a name nobody has", () => {
    const blocked = friendRequestOutcome({ theirs: "blocked" }) as DomainError;
    expect([blocked.code, blocked.message]).toEqual(["NOT_FOUND", "User not found"]);
  });
});

describe("profiles", () => {
  it("show to their owner, to those sharing a server, and to those who know them", () => {
    expect(profileVisible({ self: true, sharesServer: false })).toBe(true);
    expect(profileVisible({ self: false, sharesServer: true })).toBe(true);
    for (const mine of ["friend", "incoming", "outgoing", "blocked"] as const) expect(profileVisible({ self: false, sharesServer: false, mine })).toBe(true);
    expect(profileVisible({ self: false, sharesServer: false })).toBe(false);
  });
});
