import type { RelationshipKind } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { friendRequestOutcome } from "@chat/policy/relationships";
import { friendRequestInput, userIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { type Context, authedProcedure } from "../core/trpc";
import { visibleStatuses } from "../presence/status";
import { friendOutput, relationshipOutput } from "./dto";
import { type Change, changeRelationship, findByUsername, listRelationships } from "./store";

type Caller = Pick<Context, "db" | "realtime" | "log"> & { user: { id: bigint } };

/** Ends a friendship or a request that stands as `expected` on the caller's side; anything else is NOT_FOUND. */
async function end(ctx: Caller, userId: string, expected: RelationshipKind, what: string) {
  await changeRelationship(ctx, ctx.user.id, BigInt(userId), ({ mine }) => {
    if (mine !== expected) throw fail.notFound(what);
    return { mine: null, theirs: null };
  });
  return { ok: true as const };
}

const befriend: Change = { mine: "friend", theirs: "friend" };

export const friendRouter = {
  /**
   * Your friends, with their status, and pending requests both ways (no status), newest first;
   * blocks are in `block.list`. Status changes of friends come on `user.onEvent`.
   */
  list: authedProcedure
    .meta(rest("GET", "/users/me/friends", { summary: "Your friends, with their status, and friend requests" }))
    .output(z.array(friendOutput))
    .query(async ({ ctx }) => {
      const relationships = await listRelationships(ctx, ctx.user.id, ["friend", "incoming", "outgoing"]);
      const friends = relationships.filter((r) => r.kind === "friend").map((r) => BigInt(r.user.id));
      const statuses = await visibleStatuses(ctx, friends);
      return relationships.map((r) => ({ ...r, presence: statuses.get(r.user.id) ?? null }));
    }),

  /**
   * Sends a friend request to an exact username; if they already asked you, you become friends.
   * A name nobody has and someone who blocked you answer the same NOT_FOUND.
   */
  request: authedProcedure
    .meta(
      rest("POST", "/users/me/friends", {
        summary: "Send a friend request by username",
        description: "If they already sent you one, you become friends at once.",
        errors: [400, 404, 409, 429],
      }),
    )
    .input(friendRequestInput)
    .output(relationshipOutput)
    .mutation(async ({ ctx, input }) => {
      const otherId = await findByUsername(ctx, input.username);
      if (otherId === undefined) throw fail.notFound("User");
      const relationship = await changeRelationship(ctx, ctx.user.id, otherId, (standing) => {
        const outcome = friendRequestOutcome(standing);
        if (outcome === "accept") return befriend;
        if (outcome === "request") return { mine: "outgoing", theirs: "incoming" };
        throw outcome;
      });
      return relationship!;
    }),

  accept: authedProcedure
    .meta(rest("PUT", "/users/me/friends/{userId}", { summary: "Accept a friend request", errors: [400, 404, 409] }))
    .input(userIdInput)
    .output(relationshipOutput)
    .mutation(async ({ ctx, input }) => {
      const relationship = await changeRelationship(ctx, ctx.user.id, BigInt(input.userId), ({ mine }) => {
        if (mine !== "incoming") throw fail.notFound("Friend request");
        return befriend;
      });
      return relationship!;
    }),

  decline: authedProcedure
    .meta(rest("POST", "/users/me/friend-requests/{userId}/decline", { summary: "Decline a friend request", errors: [400, 404] }))
    .input(userIdInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => end(ctx, input.userId, "incoming", "Friend request")),

  cancel: authedProcedure
    .meta(rest("DELETE", "/users/me/friend-requests/{userId}", { summary: "Cancel a friend request you sent", errors: [400, 404] }))
    .input(userIdInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => end(ctx, input.userId, "outgoing", "Friend request")),

  remove: authedProcedure
    .meta(rest("DELETE", "/users/me/friends/{userId}", { summary: "Remove a friend", errors: [400, 404] }))
    .input(userIdInput)
    .output(okOutput)
    .mutation(({ ctx, input }) => end(ctx, input.userId, "friend", "Friend")),
} satisfies TRPCRouterRecord;
