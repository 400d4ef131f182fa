import { fail } from "@chat/policy/errors";
import { userIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { authedProcedure } from "../core/trpc";
import { relationshipOutput } from "./dto";
import { changeRelationship, listRelationships } from "./store";

export const blockRouter = {
  list: authedProcedure
    .meta(rest("GET", "/users/me/blocks", { summary: "The people you blocked" }))
    .output(z.array(relationshipOutput))
    .query(({ ctx }) => listRelationships(ctx, ctx.user.id, ["blocked"])),

  /**
   * Blocks someone: any friendship or request between you ends, and they can no longer send you
   * one. Their own block of you, if any, stays theirs.
   */
  add: authedProcedure
    .meta(rest("PUT", "/users/me/blocks/{userId}", { summary: "Block someone", errors: [400, 404] }))
    .input(userIdInput)
    .output(relationshipOutput)
    .mutation(async ({ ctx, input }) => {
      const relationship = await changeRelationship(ctx, ctx.user.id, BigInt(input.userId), ({ theirs }) => ({
        mine: "blocked",
        theirs: theirs === "blocked" || theirs === undefined ? undefined : null,
      }));
      return relationship!;
    }),

  /** Lifts your block; nothing that the block ended comes back. */
  remove: authedProcedure
    .meta(rest("DELETE", "/users/me/blocks/{userId}", { summary: "Unblock someone", errors: [400, 404] }))
    .input(userIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await changeRelationship(ctx, ctx.user.id, BigInt(input.userId), ({ mine }) => {
        if (mine !== "blocked") throw fail.notFound("Block");
        return { mine: null };
      });
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
