import { asc, channels, eq, nextId } from "@chat/db";
import { channelIdInput, createChannelInput, serverIdInput, updateChannelInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { fail, isUniqueViolation } from "../errors";
import { auditBy, changes, recordAudit } from "../lib/audit";
import { channelOutput, okOutput, toChannel } from "../lib/dto";
import { signalAccessChange } from "../lib/live";
import { rest } from "../lib/rest";
import { topics } from "../lib/signals";
import { channelProcedure, serverProcedure } from "../trpc";

/** Channel names are unique within a server, as in Slack; a clash is a CONFLICT, not a crash. */
async function uniqueName<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error, "channels_server_id_name_key")) throw fail.conflict("A channel with that name exists");
    throw error;
  }
}

export const channelRouter = {
  create: serverProcedure("channel.create", createChannelInput)
    .meta(rest("POST", "/servers/{serverId}/channels", { summary: "Create a channel", errors: [400, 403, 404, 409] }))
    .output(channelOutput)
    .mutation(({ ctx, input }) =>
      uniqueName(() =>
        ctx.db.transaction(async (tx) => {
          const [channel] = await tx
            .insert(channels)
            .values({ id: nextId(), serverId: ctx.membership.serverId, name: input.name, topic: input.topic ?? "" })
            .returning();
          await recordAudit(tx, { ...auditBy(ctx), action: "channel.create", target: { id: channel!.id, name: channel!.name } });
          return toChannel(channel!);
        }),
      ),
    ),

  list: serverProcedure("channel.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/channels", { summary: "A server's channels", errors: [400, 404] }))
    .output(z.array(channelOutput))
    .query(async ({ ctx }) => {
      const rows = await ctx.db
        .select()
        .from(channels)
        .where(eq(channels.serverId, ctx.membership.serverId))
        .orderBy(asc(channels.id));
      return rows.map(toChannel);
    }),

  get: channelProcedure("channel.read", channelIdInput)
    .meta(rest("GET", "/channels/{channelId}", { summary: "A channel", errors: [400, 404] }))
    .output(channelOutput)
    .query(({ ctx }) => toChannel(ctx.channel)),

  update: channelProcedure("channel.update", updateChannelInput)
    .meta(rest("PUT", "/channels/{channelId}", { summary: "Rename a channel or set its topic", errors: [400, 403, 404, 409] }))
    .output(channelOutput)
    .mutation(({ ctx, input }) =>
      uniqueName(() =>
        ctx.db.transaction(async (tx) => {
          const [channel] = await tx
            .update(channels)
            .set({ name: input.name, topic: input.topic })
            .where(eq(channels.id, ctx.channel.id))
            .returning();
          if (!channel) throw fail.notFound("Channel");
          const details = changes(ctx.channel, channel, ["name", "topic"]);
          await recordAudit(tx, { ...auditBy(ctx), action: "channel.update", target: { id: channel.id, name: channel.name }, details });
          return toChannel(channel);
        }),
      ),
    ),

  delete: channelProcedure("channel.delete", channelIdInput)
    .meta(rest("DELETE", "/channels/{channelId}", { summary: "Delete a channel and its messages", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx }) => {
      await ctx.db.transaction(async (tx) => {
        await tx.delete(channels).where(eq(channels.id, ctx.channel.id));
        await recordAudit(tx, { ...auditBy(ctx), action: "channel.delete", target: { id: ctx.channel.id, name: ctx.channel.name } });
      });
      await signalAccessChange(ctx, topics.channel(ctx.channel.id));
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
