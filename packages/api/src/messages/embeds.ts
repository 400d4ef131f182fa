import { eq, messages } from "@chat/db";
import { messageIdInput } from "@chat/validators";
import { fail } from "@chat/policy/errors";

import { commitChannelEvent } from "../channels/event-log";
import { rest } from "../core/rest";
import { embedImageKeys, removeEmbedImages } from "../embeds/images";
import { messageProcedure } from "../core/trpc";
import { readMessage, selectMessages, toSnapshots } from "./details";
import { messageOutput } from "./dto";

/**
 * The author removes their message's link previews, and their stored images; subscribers get an
 * `updated` event. They stay removed (an empty array, not null): edits fetch none again.
 */
export const removeEmbeds = messageProcedure("message.removeEmbeds", messageIdInput)
  .meta(rest("DELETE", "/messages/{messageId}/embeds", { summary: "Remove your message's link previews", errors: [400, 403, 404] }))
  .output(messageOutput)
  .mutation(async ({ ctx }) => {
    let removed: string[] = [];
    await commitChannelEvent(ctx, ctx.message.channelId, async (tx) => {
      // Locked until the commit, so that a preview the job stores meanwhile is among those whose images go.
      const [current] = await tx.select({ embeds: messages.embeds }).from(messages).where(eq(messages.id, ctx.message.id)).for("update");
      if (!current) throw fail.notFound("Message");
      removed = embedImageKeys(ctx.message.id, current.embeds);
      await tx.update(messages).set({ embeds: [] }).where(eq(messages.id, ctx.message.id));
      const [message] = await toSnapshots(tx, await selectMessages(tx, eq(messages.id, ctx.message.id)));
      return { event: { type: "updated" as const, message: message! } };
    });
    await removeEmbedImages({ storage: ctx.storage, log: ctx.log }, removed);
    const message = await readMessage(ctx.db, ctx.message.id, ctx.user.id);
    if (!message) throw fail.notFound("Message");
    return message;
  });
