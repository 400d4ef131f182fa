import { fail } from "@chat/policy/errors";
import { reactionInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { commitChannelEvent } from "../channels/event-log";
import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import type { Context } from "../core/trpc";
import { messageProcedure } from "../core/trpc";
import { readMessage } from "./details";
import { messageOutput } from "./dto";
import { addReaction, hasReacted, removeReaction } from "./reaction-store";

const route = "/messages/{messageId}/reactions/{emoji}";

interface Reacting {
  ctx: Pick<Context, "db" | "realtime" | "rateLimiter" | "log"> & { user: { id: bigint }; message: { id: bigint; channelId: bigint } };
  emoji: string;
}

/**
 * Adds or takes back the caller's reaction and answers the message as they now see it. Idempotent:
 * adding a reaction one has, or removing one one has not, changes nothing and logs no event.
 */
async function react({ ctx, emoji }: Reacting, add: boolean) {
  await enforceRateLimit(ctx.rateLimiter, "reaction", String(ctx.user.id));
  const { id, channelId } = ctx.message;
  const reaction = { messageId: id, userId: ctx.user.id, emoji };
  if ((await hasReacted(ctx.db, reaction)) !== add) {
    await commitChannelEvent(ctx, channelId, async (tx) => ({
      event: {
        type: "reaction" as const,
        message: { id: String(id), channelId: String(channelId) },
        reaction: add ? await addReaction(tx, reaction) : await removeReaction(tx, reaction),
      },
    }));
  }
  const message = await readMessage(ctx.db, id, ctx.user.id);
  if (!message) throw fail.notFound("Message");
  return message;
}

/** Reactions change through these; they reach subscribers as `reaction` events on `message.onEvent`. */
export const reactionRouter = {
  add: messageProcedure("message.react", reactionInput)
    .meta(rest("PUT", route, { summary: "React with an emoji", errors: [400, 404, 409, 429] }))
    .output(messageOutput)
    .mutation(({ ctx, input }) => react({ ctx, emoji: input.emoji }, true)),

  remove: messageProcedure("message.react", reactionInput)
    .meta(rest("DELETE", route, { summary: "Take back your reaction", errors: [400, 404, 429] }))
    .output(messageOutput)
    .mutation(({ ctx, input }) => react({ ctx, emoji: input.emoji }, false)),
} satisfies TRPCRouterRecord;
