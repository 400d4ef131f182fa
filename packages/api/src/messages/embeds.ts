import { eq, messages } from "@chat/db";
import { messageIdInput } from "@chat/validators";
import { fail } from "@chat/policy/errors";

import { commitChannelEvent } from "../channels/event-log";
import { rest } from "../core/rest";
import { messageProcedure } from "../core/trpc";
import { readMessage, selectMessages, toSnapshots } from "./details";
import { messageOutput } from "./dto";

/**
 * The author removes their message's link previews; subscribers get an `updated` event. They stay
 * removed (an empty array, not null): edits fetch none again.
 */
export const removeEmbeds = messageProcedure("message.removeEmbeds", messageIdInput)
  .meta(rest("DELETE", "/messages/{messageId}/embeds", { summary: "Remove your message's link previews", errors: [400, 403, 404] }))
  .output(messageOutput)
  .mutation(async ({ ctx }) => {
    await commitChannelEvent(ctx, ctx.message.channelId, async (tx) => {
      const updated = await tx.update(messages).set({ embeds: [] }).where(eq(messages.id, ctx.message.id)).returning({ id: messages.id });
      if (updated.length === 0) throw fail.notFound("Message");
      const [message] = await toSnapshots(tx, await selectMessages(tx, eq(messages.id, ctx.message.id)));
      return { event: { type: "updated" as const, message: message! } };
    });
    const message = await readMessage(ctx.db, ctx.message.id, ctx.user.id);
    if (!message) throw fail.notFound("Message");
    return message;
  });
