import { dmOpenRefusal } from "@chat/policy/conversations";
import { fail } from "@chat/policy/errors";
import { channelRecipients, and, eq } from "@chat/db";
import { setConversationMutedInput, userIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { rest } from "../core/rest";
import { searchConversations } from "../messages/search";
import { authedProcedure } from "../core/trpc";
import { publishToUser } from "../live/publish";
import { conversationMutedOutput, conversationOutput, conversationSummaryOutput } from "./dto";
import { conversationProcedure } from "./procedures";
import { announceConversation, dmStanding, findOrCreateDm, listConversations, loadSummary } from "./store";

/**
 * Direct messages: a DM is a channel without a server, with two recipients. Its messages,
 * reactions, typing, read state and live events are `message.*`, `reaction.*`, `typing.*`,
 * `channel.markRead` and `message.onEvent`, as in a server's channel.
 */
export const dmRouter = {
  /**
   * The DM with someone, opened on first use (opening twice answers the same one). Friends may
   * always; people who share a server, unless they turned DMs from server members off.
   */
  open: authedProcedure
    .meta(
      rest("POST", "/users/me/dms", {
        summary: "Open the DM with someone",
        description: "Answers the existing DM if there is one. Refused (403) by their privacy setting or a block; 404 for a stranger.",
        errors: [400, 403, 404, 409],
      }),
    )
    .input(userIdInput)
    .output(conversationSummaryOutput)
    .mutation(async ({ ctx, input }) => {
      const otherId = BigInt(input.userId);
      if (otherId === ctx.user.id) throw fail.badRequest("You cannot message yourself");
      const refusal = dmOpenRefusal(await dmStanding(ctx.db, ctx.user.id, otherId));
      if (refusal) throw refusal;
      const summary = await loadSummary(ctx.db, await findOrCreateDm(ctx.db, ctx.user.id, otherId));
      void announceConversation(ctx, [String(ctx.user.id)], summary);
      return summary;
    }),

  /** Your DMs and groups with their unread and mention counts, latest activity first. */
  list: authedProcedure
    .meta(rest("GET", "/users/me/dms", { summary: "Your DMs and groups, latest first, with unread counts" }))
    .output(z.array(conversationOutput))
    .query(({ ctx }) => listConversations(ctx.db, ctx.user.id)),

  /** Mutes a DM or group for you: no toasts or notifications and no unread marks; the counts still count. */
  setMuted: conversationProcedure("channel.read", setConversationMutedInput)
    .meta(rest("PUT", "/users/me/dms/{channelId}/muted", { summary: "Mute or unmute a DM or group for yourself", errors: [400, 404] }))
    .output(conversationMutedOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db
        .update(channelRecipients)
        .set({ muted: input.muted })
        .where(and(eq(channelRecipients.channelId, ctx.channel.id), eq(channelRecipients.userId, ctx.user.id)));
      const channelId = String(ctx.channel.id);
      void publishToUser(ctx, ctx.user.id, { kind: "muted", serverId: null, channelId, muted: input.muted });
      return { channelId, muted: input.muted };
    }),

  search: searchConversations,
} satisfies TRPCRouterRecord;
