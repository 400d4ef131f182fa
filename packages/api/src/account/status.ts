import { sql, userStatuses } from "@chat/db";
import { setStatusInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { rest } from "../core/rest";
import { type Context, authedProcedure } from "../core/trpc";
import { announceStatus, liveCustom, loadChoices } from "../presence/status";
import { ownStatusOutput } from "./dto";

async function ownStatus(ctx: Pick<Context, "db">, userId: bigint) {
  const choice = (await loadChoices(ctx.db, [userId])).get(String(userId));
  return { presence: choice?.presence ?? ("online" as const), custom: liveCustom(choice) };
}

export const statusRouter = {
  /** Your chosen presence and custom status (others see `invisible` as offline). */
  get: authedProcedure
    .meta(rest("GET", "/users/me/status", { summary: "Your presence and custom status" }))
    .output(ownStatusOutput)
    .query(({ ctx }) => ownStatus(ctx, ctx.user.id)),

  /** Sets the presence, the custom status (null clears it), or both; the members of your servers see it live. */
  set: authedProcedure
    .meta(
      rest("PUT", "/users/me/status", {
        summary: "Set your presence and custom status",
        description: "`presence`: online, idle, dnd or invisible (shown as offline). `custom: null` clears the custom status.",
        errors: [400],
      }),
    )
    .input(setStatusInput)
    .output(ownStatusOutput)
    .mutation(async ({ ctx, input }) => {
      const custom =
        input.custom === undefined
          ? {}
          : {
              text: input.custom?.text ?? null,
              emoji: input.custom?.emoji ?? null,
              expiresAt: input.custom?.expiresInSeconds ? sql`now() + make_interval(secs => ${input.custom.expiresInSeconds})` : null,
            };
      const changes = { ...(input.presence && { presence: input.presence }), ...custom, updatedAt: sql`now()` };
      await ctx.db
        .insert(userStatuses)
        .values({ userId: ctx.user.id, ...changes })
        .onConflictDoUpdate({ target: userStatuses.userId, set: changes });
      const connected = (await ctx.realtime.presence.online([String(ctx.user.id)])).size > 0;
      await announceStatus(ctx, ctx.user.id, connected).catch((err: unknown) => ctx.log.warn({ err }, "announcing a status failed"));
      return ownStatus(ctx, ctx.user.id);
    }),
} satisfies TRPCRouterRecord;
