import { type Channel, and, attachments, channelNotifyLevels, channelRecipients, channels, eq, messages, nextId } from "@chat/db";
import { fail } from "@chat/policy/errors";
import {
  channelIdInput,
  createChannelInput,
  markReadInput,
  moveChannelInput,
  serverIdInput,
  setChannelNotifyInput,
  updateChannelInput,
} from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { filesOf, removeFiles } from "../attachments/files";
import { embedImagesOf } from "../embeds/images";
import { auditBy, changes, recordAudit } from "../audit/record";
import { findCategory } from "../categories/access";
import { channelGroupSize, closeChannelGap, currentChannel, layoutOrder, lockLayout, moveChannel } from "../categories/layout";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { type Context, channelProcedure, serverChannelProcedure, serverProcedure } from "../core/trpc";
import { isUniqueViolation } from "../errors";
import { publishToUser, signalAccessChange, signalVisibilityChange } from "../live/publish";
import { topics } from "../live/signals";
import { sync } from "../overwrites/router";
import { publishActivity } from "../unread/activity";
import { channelNotifyOutput, channelWithReadStateOutput, readStateOutput, toReadState } from "../unread/dto";
import { conversationReadStates, inChannel, inServer, markRead, readStates } from "../unread/read-state";
import { type ChannelDto, channelColumns, channelOutput, toChannel } from "./dto";
import { setSlowmode, slowmodeApplies, slowmodeEnds } from "./slowmode";

/** Channel names are unique within a server, as in Slack; a clash is a CONFLICT, not a crash. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "channels_server_id_name_key")) throw fail.conflict("A channel with that name exists");
    throw error;
  }
}

/** Where a channel stands, as the audit log records a move. */
const placeOf = (channel: Channel) => ({ categoryId: channel.categoryId === null ? null : String(channel.categoryId), position: channel.position });

/** After a channel is created, renamed or moved, the server's members' channel lists follow (user.onEvent). */
function announce(ctx: Pick<Context, "realtime" | "log">, action: "created" | "updated" | "moved") {
  return (channel: ChannelDto) => {
    void publishActivity(ctx, { type: "channel", action, serverId: channel.serverId, channel });
    return channel;
  };
}

export const channelRouter = {
  create: serverProcedure("channel.create", createChannelInput)
    .meta(rest("POST", "/servers/{serverId}/channels", { summary: "Create a channel", errors: [400, 403, 404, 409] }))
    .output(channelOutput)
    .mutation(({ ctx, input }) =>
      uniqueName(() =>
        ctx.db.transaction(async (tx) => {
          const serverId = ctx.membership.serverId;
          await lockLayout(tx, serverId);
          const categoryId = input.categoryId ? (await findCategory(tx, serverId, BigInt(input.categoryId))).id : null;
          const position = await channelGroupSize(tx, serverId, categoryId);
          const [channel] = await tx
            .insert(channels)
            .values({ id: nextId(), serverId, name: input.name, topic: input.topic ?? "", categoryId, position })
            .returning(channelColumns);
          await recordAudit(tx, { ...auditBy(ctx), action: "channel.create", target: { id: channel!.id, name: channel!.name } });
          return toChannel(channel!);
        }),
      ).then(announce(ctx, "created")),
    ),

  /**
   * The server's channels in the sidebar's order (the uncategorised first, then by category, each
   * group by position), each with your read position and unread and mention
   * counts, and until when slowmode keeps you from sending.
   */
  list: serverProcedure("channel.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/channels", { summary: "A server's channels, with your unread counts", errors: [400, 404] }))
    .output(z.array(channelWithReadStateOutput))
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .select({ ...channelColumns, notify: channelNotifyLevels.level })
        .from(channels)
        .leftJoin(channelNotifyLevels, and(eq(channelNotifyLevels.channelId, channels.id), eq(channelNotifyLevels.userId, ctx.user.id)))
        .where(eq(channels.serverId, ctx.membership.serverId))
        .orderBy(...layoutOrder);
      const states = new Map((await readStates(ctx.db, ctx.user.id, inServer(ctx.membership.serverId))).map((s) => [s.channelId, s]));
      const slowed = rows.filter((row) => slowmodeApplies(row.slowmodeSeconds, ctx.membership));
      const ends = await slowmodeEnds(ctx.db, ctx.user.id, slowed);
      return rows.flatMap((row) => {
        const state = states.get(row.id);
        return state ? [{ ...toChannel(row), ...toReadState(state), slowmodeEndsAt: ends.get(row.id) ?? null, notify: row.notify ?? "default" }] : [];
      });
    }),

  /**
   * Marks the channel read up to `messageId` (default: its latest message). The position never
   * moves backwards nor past the latest message; your other tabs hear of it on `user.onEvent`.
   */
  markRead: channelProcedure("channel.read", markReadInput)
    .meta(
      rest("POST", "/channels/{channelId}/read", {
        summary: "Mark a channel read",
        description: "Up to `messageId`, or to the latest message without it. A position never moves backwards.",
        errors: [400, 404],
      }),
    )
    .output(readStateOutput)
    .mutation(async ({ ctx, input }) => {
      const { id, serverId } = ctx.channel;
      const moved = await markRead(ctx.db, ctx.user.id, id, input.messageId ? BigInt(input.messageId) : undefined);
      const [state] =
        serverId === null
          ? await conversationReadStates(ctx.db, ctx.user.id, {}).where(and(eq(channelRecipients.userId, ctx.user.id), inChannel(id)))
          : await readStates(ctx.db, ctx.user.id, inChannel(id));
      if (!state) throw fail.notFound("Channel");
      if (moved !== null) {
        const signal = { kind: "read" as const, serverId: serverId === null ? null : String(serverId), channelId: String(id), lastReadId: state.lastReadId };
        void publishToUser(ctx, ctx.user.id, signal);
      }
      return toReadState(state);
    }),

  /** Chooses which of the channel's messages notify you, over the server's level; `default` follows the server's again. */
  setNotify: serverChannelProcedure("channel.read", setChannelNotifyInput)
    .meta(
      rest("PUT", "/channels/{channelId}/notify", {
        summary: "Choose which messages of a channel notify you",
        description: "`all`, `mentions` (and replies to you) or `nothing`; `default` follows the server's level. Server channels only.",
        errors: [400, 404],
      }),
    )
    .output(channelNotifyOutput)
    .mutation(async ({ ctx, input }) => {
      const { id: channelId, serverId } = ctx.channel;
      const mine = and(eq(channelNotifyLevels.userId, ctx.user.id), eq(channelNotifyLevels.channelId, channelId));
      if (input.level === "default") await ctx.db.delete(channelNotifyLevels).where(mine);
      else {
        await ctx.db
          .insert(channelNotifyLevels)
          .values({ userId: ctx.user.id, channelId, level: input.level })
          .onConflictDoUpdate({ target: [channelNotifyLevels.userId, channelNotifyLevels.channelId], set: { level: input.level } });
      }
      const change = { serverId: String(serverId), channelId: String(channelId), level: input.level };
      void publishToUser(ctx, ctx.user.id, { kind: "notify", ...change });
      return change;
    }),

  get: serverChannelProcedure("channel.read", channelIdInput)
    .meta(rest("GET", "/channels/{channelId}", { summary: "A channel", errors: [400, 404] }))
    .output(channelOutput)
    .query(({ ctx }) => toChannel(ctx.channel)),

  update: serverChannelProcedure("channel.update", updateChannelInput)
    .meta(rest("PUT", "/channels/{channelId}", { summary: "Rename a channel or set its topic", errors: [400, 403, 404, 409] }))
    .output(channelOutput)
    .mutation(({ ctx, input }) =>
      uniqueName(() =>
        ctx.db.transaction(async (tx) => {
          const [channel] = await tx
            .update(channels)
            .set({ name: input.name, topic: input.topic })
            .where(eq(channels.id, ctx.channel.id))
            .returning(channelColumns);
          if (!channel) throw fail.notFound("Channel");
          const details = changes(ctx.channel, channel, ["name", "topic"]);
          await recordAudit(tx, { ...auditBy(ctx), action: "channel.update", target: { id: channel.id, name: channel.name }, details });
          return toChannel(channel);
        }),
      ).then(announce(ctx, "updated")),
    ),

  setSlowmode,
  sync,

  /** Moves a channel within its group or into another; positions stay dense in both, and past the end means last. */
  move: serverChannelProcedure("channel.move", moveChannelInput)
    .meta(
      rest("PUT", "/channels/{channelId}/position", {
        summary: "Move a channel within or between categories",
        description: "`categoryId` null puts it among the uncategorised channels. A position past the end of the group means last.",
        errors: [400, 403, 404],
      }),
    )
    .output(channelOutput)
    .mutation(async ({ ctx, input }) => {
      const serverId = ctx.membership.serverId;
      const moved = await ctx.db.transaction(async (tx) => {
        await lockLayout(tx, serverId);
        const target = input.categoryId === null ? null : await findCategory(tx, serverId, BigInt(input.categoryId));
        const before = await currentChannel(tx, ctx.channel.id);
        const after = await moveChannel(tx, before, target?.id ?? null, input.position);
        // moveChannel answers the same row when the channel stays where it is: nothing to record.
        if (after !== before) {
          const details = { from: placeOf(before), to: placeOf(after) };
          await recordAudit(tx, { ...auditBy(ctx), action: "channel.move", target: { id: after.id, name: after.name }, details });
        }
        return { channel: toChannel(after), regrouped: after.categoryId !== before.categoryId && after.permissionsSynced };
      });
      // A synced channel takes its new category's overwrites: who sees it may have changed.
      if (moved.regrouped) await signalVisibilityChange(ctx, serverId);
      return announce(ctx, "moved")(moved.channel);
    }),

  delete: serverChannelProcedure("channel.delete", channelIdInput)
    .meta(rest("DELETE", "/channels/{channelId}", { summary: "Delete a channel and its messages", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      const files = await ctx.db.transaction(async (tx) => {
        await lockLayout(tx, ctx.channel.serverId);
        const files = await filesOf(tx, eq(attachments.channelId, ctx.channel.id));
        files.previewImages = await embedImagesOf(tx, eq(messages.channelId, ctx.channel.id));
        const [deleted] = await tx.delete(channels).where(eq(channels.id, ctx.channel.id)).returning();
        if (!deleted) throw fail.notFound("Channel");
        await closeChannelGap(tx, { ...deleted, serverId: ctx.channel.serverId });
        await recordAudit(tx, { ...auditBy(ctx), action: "channel.delete", target: { id: ctx.channel.id, name: ctx.channel.name } });
        return files;
      });
      await removeFiles({ db: ctx.db, storage: ctx.storage, log: ctx.log }, files);
      await signalAccessChange(ctx, topics.channel(ctx.channel.id));
      void publishActivity(ctx, { type: "channel", action: "deleted", serverId: String(ctx.channel.serverId), channel: { id: String(ctx.channel.id) } });
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
