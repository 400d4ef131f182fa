import { type Channel, type Transaction, and, attachments, channelRecipients, channels, eq, messages, nextId, sql, users } from "@chat/db";
import { groupAddRefusal } from "@chat/policy/conversations";
import { fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";
import { channelIdInput, createGroupInput, groupRecipientInput, limits, renameGroupInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { filesOf, removeFiles } from "../attachments/files";
import { embedImagesOf } from "../embeds/images";
import { commitNewMessage } from "../channels/event-log";
import { avatarUrlOf } from "../images/urls";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { type Context, authedProcedure } from "../core/trpc";
import { signalAccessChange } from "../live/publish";
import { topics } from "../live/signals";
import type { SystemKind } from "../messages/dto";
import { conversationSummaryOutput, type ConversationSummaryDto } from "./dto";
import { groupProcedure } from "./procedures";
import { announceConversation, announceDeparture, friendsAmong, loadSummary } from "./store";

type Caller = Pick<Context, "db" | "realtime" | "log" | "storage"> & { user: { id: bigint; username: string } };

/** The group's row lock: changes to its people take turns (two additions cannot pass its limit together). */
async function lockGroup(tx: Transaction, channelId: bigint) {
  await tx.select({ id: channels.id }).from(channels).where(eq(channels.id, channelId)).for("update");
}

const peopleOf = (summary: ConversationSummaryDto) => summary.recipients.map((user) => user.id);

/**
 * After a change to a group: a system line in its history (through the same commit as any
 * message), and its people's lists follow.
 */
async function recordChange(ctx: Caller, channel: Channel, kind: SystemKind, subject: string) {
  const summary = await loadSummary(ctx.db, channel.id);
  // Someone who just left is no longer among the group's people: their display name is looked up.
  const [names] = await ctx.db.select({ displayName: users.displayName, avatar: users.avatar }).from(users).where(eq(users.id, ctx.user.id));
  const author = {
    id: String(ctx.user.id),
    username: ctx.user.username,
    displayName: names?.displayName ?? null,
    nickname: null,
    avatarUrl: avatarUrlOf(ctx.user.id, names?.avatar ?? null),
  };
  await commitNewMessage(
    ctx,
    { id: channel.id, serverId: null, name: summary.name, recipientIds: peopleOf(summary) },
    { author, content: subject, replyTo: null, mentionIds: [], mentionsEveryone: false, kind },
  );
  void announceConversation(ctx, peopleOf(summary), summary);
  return summary;
}

/** Takes `userId` out of the group; the owner's leaving passes the group to whoever has been in it longest, and the last one out ends it. */
async function removeFrom(ctx: Caller, channel: Channel, userId: bigint) {
  const emptied = await ctx.db.transaction(async (tx) => {
    await lockGroup(tx, channel.id);
    const [removed] = await tx
      .delete(channelRecipients)
      .where(and(eq(channelRecipients.channelId, channel.id), eq(channelRecipients.userId, userId)))
      .returning({ userId: channelRecipients.userId });
    if (!removed) throw fail.notFound("Member");
    const [heir] = await tx
      .select({ userId: channelRecipients.userId })
      .from(channelRecipients)
      .where(eq(channelRecipients.channelId, channel.id))
      .orderBy(channelRecipients.addedAt, channelRecipients.userId)
      .limit(1);
    if (!heir) {
      const files = await filesOf(tx, eq(attachments.channelId, channel.id));
      files.previewImages = await embedImagesOf(tx, eq(messages.channelId, channel.id));
      await tx.delete(channels).where(eq(channels.id, channel.id));
      return files;
    }
    if (channel.ownerId === userId) await tx.update(channels).set({ ownerId: heir.userId }).where(eq(channels.id, channel.id));
    return null;
  });
  // Their live subscriptions of the group end now, as a kick's do in a server.
  await signalAccessChange(ctx, topics.channel(channel.id));
  void announceDeparture(ctx, userId, channel.id);
  if (emptied) await removeFiles({ db: ctx.db, storage: ctx.storage, log: ctx.log }, emptied);
  else await recordChange(ctx, channel, "recipient_remove", String(userId));
}

/**
 * Group DMs: up to ten people, a name and an owner. Anyone in it renames it or adds a friend;
 * the owner removes people; anyone leaves. Its messages are `message.*` as everywhere.
 */
export const groupRouter = {
  create: authedProcedure
    .meta(rest("POST", "/groups", { summary: "Start a group with friends", errors: [400, 403] }))
    .input(createGroupInput)
    .output(conversationSummaryOutput)
    .mutation(async ({ ctx, input }) => {
      const others = [...new Set(input.userIds.map(BigInt))].filter((id) => id !== ctx.user.id);
      const friends = await friendsAmong(ctx.db, ctx.user.id, others);
      for (const id of others) {
        const refusal = groupAddRefusal({ mine: friends.has(id) ? "friend" : undefined });
        if (refusal) throw refusal;
      }
      const id = nextId();
      await ctx.db.transaction(async (tx) => {
        await tx.insert(channels).values({ id, kind: "group", name: input.name ?? "", ownerId: ctx.user.id });
        await tx.insert(channelRecipients).values([ctx.user.id, ...others].map((userId) => ({ channelId: id, userId })));
      });
      const summary = await loadSummary(ctx.db, id);
      void announceConversation(ctx, peopleOf(summary), summary);
      return summary;
    }),

  addRecipient: groupProcedure(groupRecipientInput)
    .meta(rest("PUT", "/groups/{channelId}/recipients/{userId}", { summary: "Add a friend to a group", errors: [400, 403, 404, 409] }))
    .output(conversationSummaryOutput)
    .mutation(async ({ ctx, input }) => {
      const userId = BigInt(input.userId);
      const refusal = groupAddRefusal({ mine: (await friendsAmong(ctx.db, ctx.user.id, [userId])).has(userId) ? "friend" : undefined });
      if (refusal) throw refusal;
      await ctx.db.transaction(async (tx) => {
        await lockGroup(tx, ctx.channel.id);
        const [size] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(channelRecipients)
          .where(eq(channelRecipients.channelId, ctx.channel.id));
        if (size!.n >= limits.groupRecipients.max) throw fail.conflict(`A group holds at most ${limits.groupRecipients.max} people`);
        const added = await tx.insert(channelRecipients).values({ channelId: ctx.channel.id, userId }).onConflictDoNothing().returning();
        if (added.length === 0) throw fail.conflict("They are already in the group");
      });
      return recordChange(ctx, ctx.channel, "recipient_add", input.userId);
    }),

  removeRecipient: groupProcedure(groupRecipientInput)
    .meta(rest("DELETE", "/groups/{channelId}/recipients/{userId}", { summary: "Remove someone from your group", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const userId = BigInt(input.userId);
      authorize("group.removeRecipient", ctx.membership, { userId, owner: false, rank: 0 });
      await removeFrom(ctx, ctx.channel, userId);
      return { ok: true as const };
    }),

  leave: groupProcedure(channelIdInput)
    .meta(rest("POST", "/groups/{channelId}/leave", { summary: "Leave a group", errors: [400, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await removeFrom(ctx, ctx.channel, ctx.user.id);
      return { ok: true as const };
    }),

  rename: groupProcedure(renameGroupInput)
    .meta(rest("PATCH", "/groups/{channelId}", { summary: "Rename a group", errors: [400, 404] }))
    .output(conversationSummaryOutput)
    .mutation(async ({ ctx, input }) => {
      await ctx.db.update(channels).set({ name: input.name }).where(eq(channels.id, ctx.channel.id));
      return recordChange(ctx, ctx.channel, "name_change", input.name);
    }),
} satisfies TRPCRouterRecord;
