import { and, eq, serverEmojis } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { formatCustomEmoji, parseCustomEmoji, reactionInput } from "@chat/validators";
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
 * A custom emoji (`<:name:id>`) as the reaction is stored: one of the channel's server, written
 * with its current name and kind whatever the client wrote, so one emoji is one reaction. Adding
 * an unknown one (another server's, deleted, or in a DM) is a 400; taking back a reaction whose
 * emoji was deleted since goes by what the client wrote.
 */
async function storedEmoji(ctx: Pick<Context, "db"> & { membership: { serverId: bigint | null } }, emoji: string, add: boolean): Promise<string> {
  const custom = parseCustomEmoji(emoji);
  if (!custom) return emoji;
  const serverId = ctx.membership.serverId;
  const [row] =
    serverId === null
      ? []
      : await ctx.db
          .select({ name: serverEmojis.name, animated: serverEmojis.animated })
          .from(serverEmojis)
          .where(and(eq(serverEmojis.serverId, serverId), eq(serverEmojis.id, BigInt(custom.id))));
  if (row) return formatCustomEmoji({ ...row, id: custom.id });
  if (add) throw fail.badRequest("This server has no such custom emoji");
  return emoji;
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
    .meta(
      rest("PUT", route, {
        summary: "React with an emoji",
        description: "A Unicode emoji, or a custom emoji of the channel's server written `<:name:id>` (URL-encoded).",
        errors: [400, 404, 409, 429],
      }),
    )
    .output(messageOutput)
    .mutation(async ({ ctx, input }) => react({ ctx, emoji: await storedEmoji(ctx, input.emoji, true) }, true)),

  remove: messageProcedure("message.react", reactionInput)
    .meta(rest("DELETE", route, { summary: "Take back your reaction", errors: [400, 404, 429] }))
    .output(messageOutput)
    .mutation(async ({ ctx, input }) => react({ ctx, emoji: await storedEmoji(ctx, input.emoji, false) }, false)),
} satisfies TRPCRouterRecord;
