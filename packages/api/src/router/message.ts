import { type Database, and, asc, desc, eq, gt, lt, messages, nextId, type SQL, users } from "@chat/db";
import { listMessagesInput, messageIdInput, sendMessageInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { fail } from "../errors";
import { messageOutput, messagePageOutput, okOutput, toMessage } from "../lib/dto";
import { enforceRateLimit } from "../lib/rate-limit";
import { rest } from "../lib/rest";
import { channelProcedure, messageProcedure } from "../trpc";

const messageColumns = {
  id: messages.id,
  channelId: messages.channelId,
  authorId: messages.authorId,
  authorName: users.username,
  content: messages.content,
  createdAt: messages.createdAt,
  editedAt: messages.editedAt,
};

function selectMessages(db: Database, where: SQL | undefined) {
  return db.select(messageColumns).from(messages).leftJoin(users, eq(users.id, messages.authorId)).where(where);
}

export const messageRouter = {
  send: channelProcedure("message.send", sendMessageInput)
    .meta(rest("POST", "/channels/{channelId}/messages", { summary: "Post a message", errors: [400, 404, 429] }))
    .output(messageOutput)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "messageSend", `${ctx.user.id}:${ctx.channel.id}`);
      const [message] = await ctx.db
        .insert(messages)
        .values({ id: nextId(), channelId: ctx.channel.id, authorId: ctx.user.id, content: input.content })
        .returning();
      return toMessage({ ...message!, authorName: ctx.user.username });
    }),

  /**
   * A page of history, newest first, by keyset on the snowflake id (never OFFSET):
   * `before` pages back in time, `after` forward; `nextCursor` continues in the same direction.
   */
  list: channelProcedure("message.read", listMessagesInput)
    .meta(
      rest("GET", "/channels/{channelId}/messages", {
        summary: "A page of history, newest first",
        description: "`before` pages back in time, `after` forward (not both); `nextCursor` continues the same way.",
        errors: [400, 404],
      }),
    )
    .output(messagePageOutput)
    .query(async ({ ctx, input }) => {
      const inChannel = eq(messages.channelId, ctx.channel.id);
      const forward = input.after !== undefined;
      const rows = forward
        ? await selectMessages(ctx.db, and(inChannel, gt(messages.id, BigInt(input.after!))))
            .orderBy(asc(messages.id))
            .limit(input.limit + 1)
        : await selectMessages(ctx.db, input.before ? and(inChannel, lt(messages.id, BigInt(input.before))) : inChannel)
            .orderBy(desc(messages.id))
            .limit(input.limit + 1);
      const hasMore = rows.length > input.limit;
      const page = rows.slice(0, input.limit);
      const last = page.at(-1);
      if (forward) page.reverse();
      return { items: page.map(toMessage), nextCursor: hasMore && last ? String(last.id) : null };
    }),

  get: messageProcedure("message.read", messageIdInput)
    .output(messageOutput)
    .query(async ({ ctx }) => {
      const [row] = await selectMessages(ctx.db, eq(messages.id, ctx.message.id));
      if (!row) throw fail.notFound("Message");
      return toMessage(row);
    }),

  delete: messageProcedure("message.delete", messageIdInput)
    .meta(rest("DELETE", "/messages/{messageId}", { summary: "Delete a message", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await ctx.db.delete(messages).where(eq(messages.id, ctx.message.id));
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;

