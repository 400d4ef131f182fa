import { type Message, type StoredEmbed, type Transaction, attachments, eq, messages, sql } from "@chat/db";
import {
  editMessageInput,
  listMessagesInput,
  messageIdInput,
  sendMessageInput,
} from "@chat/validators";
import { fail } from "@chat/policy/errors";
import type { TRPCRouterRecord } from "@trpc/server";

import { type OrphanedFiles, filesOf, removeFiles } from "../attachments/files";
import { prepareAttachments } from "../attachments/prepare";
import { attachmentsOf } from "../attachments/store";
import { auditBy, recordAudit } from "../audit/record";
import { commitChannelEvent, commitNewMessage } from "../channels/event-log";
import { slowmodeGuard } from "../channels/slowmode";
import { okOutput } from "../core/dto";
import { embedImageKeys, removeEmbedImages } from "../embeds/images";
import { keptEmbeds } from "../embeds/links";
import { enforceRateLimit } from "../core/rate-limit";
import { rest } from "../core/rest";
import { channelProcedure, messageProcedure } from "../core/trpc";
import { stopTyping } from "../typing/stream";
import { readMessage } from "./details";
import { removeEmbeds } from "./embeds";
import { messageOutput, messagePageOutput, toMessageSnapshot } from "./dto";
import { replaceMentions, resolveMentions } from "./mentions";
import { onEvent } from "./on-event";
import { readPage, toPage } from "./page";
import { pin, pins, unpin } from "./pins";
import { reactionsOf } from "./reaction-store";
import { quoteForReply, quotesOf } from "./replies";
import { search } from "./search";

/**
 * Deleting someone else's message is moderation: it goes to the server's audit log (without the
 * text). Nobody deletes another's message in a DM or group (the permission table): no log there.
 */
function auditDeletion(tx: Transaction, ctx: { user: { id: bigint }; membership: { serverId: bigint | null }; message: Message }) {
  const { serverId } = ctx.membership;
  if (serverId === null) return;
  const { id, channelId, authorId } = ctx.message;
  const details = { channelId: String(channelId), authorId: authorId === null ? null : String(authorId) };
  return recordAudit(tx, { ...auditBy({ user: ctx.user, membership: { serverId } }), action: "message.delete", target: { id }, details });
}

export const messageRouter = {
  send: channelProcedure("message.send", sendMessageInput)
    .meta(
      rest("POST", "/channels/{channelId}/messages", {
        summary: "Post a message",
        description:
          "In a slowmode channel, a member's send within the wait is refused (429, `Retry-After`: the seconds left). " +
          "`attachmentIds`: up to 10 of your uploads in this channel (`POST /channels/{channelId}/attachments`), their bytes stored; " +
          "an upload already sent or without its bytes is refused (409).",
        errors: [400, 403, 404, 409, 429],
      }),
    )
    .output(messageOutput)
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx.rateLimiter, "messageSend", `${ctx.user.id}:${ctx.channel.id}`);
      // Looked up before the commit: the channel's lock is held as briefly as possible.
      const replyToId = input.replyToId === undefined ? null : BigInt(input.replyToId);
      const replyTo = replyToId === null ? null : await quoteForReply(ctx.db, replyToId, ctx.channel);
      const mentions = await resolveMentions(ctx.db, ctx.membership, ctx.channel.id, input.content);
      const files = await prepareAttachments(
        { db: ctx.db, storage: ctx.storage },
        { userId: ctx.user.id, channelId: ctx.channel.id },
        input.attachmentIds ?? [],
      );
      const message = await commitNewMessage(
        ctx,
        { ...ctx.channel, recipientIds: ctx.recipientIds },
        {
          author: { id: String(ctx.user.id), username: ctx.user.username, ...ctx.callerNames },
          content: input.content,
          replyTo,
          mentionIds: mentions.userIds,
          mentionsEveryone: mentions.everyone,
          attachments: files,
        },
        slowmodeGuard(ctx.channel, ctx.user.id, ctx.membership),
      );
      // Typing state is best effort and must not hold up a send while Redis is away.
      const typer = { userId: String(ctx.user.id), username: ctx.user.username };
      stopTyping(ctx, ctx.channel.id, typer).catch((err: unknown) => ctx.log.warn({ err }, "clearing typing failed"));
      ctx.linkPreviews?.request(ctx, { id: BigInt(message.id), channelId: ctx.channel.id, content: input.content, embeds: null });
      return { ...message, reactions: [] };
    }),

  /**
   * A page of history, newest first, by keyset on the snowflake id (never OFFSET):
   * `before` pages back in time, `after` forward; `nextCursor` continues in the same direction.
   */
  list: channelProcedure("message.read", listMessagesInput, readPage)
    .meta(
      rest("GET", "/channels/{channelId}/messages", {
        summary: "A page of history, newest first",
        description: "`before` pages back in time, `after` forward (not both); `nextCursor` continues the same way.",
        errors: [400, 404],
      }),
    )
    .output(messagePageOutput)
    .query(({ ctx, input }) => toPage(ctx.read, input)),

  get: messageProcedure("message.read", messageIdInput)
    .meta(rest("GET", "/messages/{messageId}", { summary: "One message, with its reactions", errors: [400, 404] }))
    .output(messageOutput)
    .query(async ({ ctx }) => {
      const message = await readMessage(ctx.db, ctx.message.id, ctx.user.id);
      if (!message) throw fail.notFound("Message");
      return message;
    }),

  delete: messageProcedure("message.delete", messageIdInput)
    .meta(rest("DELETE", "/messages/{messageId}", { summary: "Delete a message", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      let files: OrphanedFiles = { ids: [], keys: [] };
      await commitChannelEvent(ctx, ctx.message.channelId, async (tx) => {
        files = await filesOf(tx, eq(attachments.messageId, ctx.message.id));
        const [deleted] = await tx.delete(messages).where(eq(messages.id, ctx.message.id)).returning({ embeds: messages.embeds });
        if (!deleted) throw fail.notFound("Message");
        files.previewImages = embedImageKeys(ctx.message.id, deleted.embeds);
        if (ctx.message.authorId !== ctx.user.id) await auditDeletion(tx, ctx);
        return { event: { type: "deleted" as const, message: { id: String(ctx.message.id), channelId: String(ctx.message.channelId) } } };
      });
      await removeFiles({ db: ctx.db, storage: ctx.storage, log: ctx.log }, files);
      return { ok: true as const };
    }),

  /**
   * Authors edit their own messages; mentions are resolved again, previews of links no longer in
   * the text dropped (new links get theirs in the background), and subscribers get an `updated` event.
   */
  edit: messageProcedure("message.edit", editMessageInput)
    .meta(rest("PATCH", "/messages/{messageId}", { summary: "Edit your message", errors: [400, 403, 404] }))
    .output(messageOutput)
    .mutation(async ({ ctx, input }) => {
      const mentions = await resolveMentions(ctx.db, ctx.membership, ctx.message.channelId, input.content);
      const { replyToId } = ctx.message;
      const replyTo = replyToId === null ? null : (await quotesOf(ctx.db, [replyToId])).get(String(replyToId))!;
      // An edit changes the text only: the files stay as they were sent.
      const files = (await attachmentsOf(ctx.db, [ctx.message.id])).get(String(ctx.message.id)) ?? [];
      let embeds: StoredEmbed[] | null = null;
      let dropped: string[] = [];
      const event = await commitChannelEvent(ctx, ctx.message.channelId, async (tx) => {
        // The previews as stored now, one the preview job added since the message was read among them; locked until the commit.
        const [current] = await tx.select({ embeds: messages.embeds }).from(messages).where(eq(messages.id, ctx.message.id)).for("update");
        if (!current) throw fail.notFound("Message");
        embeds = keptEmbeds(current.embeds, input.content);
        const kept = new Set(embedImageKeys(ctx.message.id, embeds));
        dropped = embedImageKeys(ctx.message.id, current.embeds).filter((key) => !kept.has(key));
        const [row] = await tx
          .update(messages)
          .set({ content: input.content, editedAt: sql`now()`, mentionsEveryone: mentions.everyone, embeds })
          .where(eq(messages.id, ctx.message.id))
          .returning();
        if (!row) throw fail.notFound("Message");
        await replaceMentions(tx, row.id, mentions.userIds);
        const { displayName: authorDisplayName, nickname: authorNickname } = ctx.callerNames;
        const names = { authorName: ctx.user.username, authorDisplayName, authorNickname, authorAvatar: null };
        const snapshot = toMessageSnapshot({ ...row, ...names }, { replyTo, mentionIds: mentions.userIds.map(String), attachments: files });
        // The author as the access read them, their avatar among it.
        const message = { ...snapshot, author: { id: String(ctx.user.id), username: ctx.user.username, ...ctx.callerNames } };
        return { event: { type: "updated" as const, message } };
      });
      await removeEmbedImages({ storage: ctx.storage, log: ctx.log }, dropped);
      ctx.linkPreviews?.request(ctx, { id: ctx.message.id, channelId: ctx.message.channelId, content: input.content, embeds });
      const reactions = await reactionsOf(ctx.db, [ctx.message.id], ctx.user.id);
      return { ...event.message, reactions: reactions.get(event.message.id) ?? [] };
    }),

  removeEmbeds,

  search,

  pin,
  unpin,
  pins,

  onEvent,
} satisfies TRPCRouterRecord;

