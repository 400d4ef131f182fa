import { asc, channels, eq, nextId } from "@chat/db";
import { channelIdInput, createChannelInput, serverIdInput, updateChannelInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";

import { fail, isUniqueViolation } from "../errors";
import { toChannel } from "../lib/dto";
import { signalAccessChange } from "../lib/live";
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
  create: serverProcedure("channel.create", createChannelInput).mutation(({ ctx, input }) =>
    uniqueName(async () => {
      const [channel] = await ctx.db
        .insert(channels)
        .values({ id: nextId(), serverId: ctx.membership.serverId, name: input.name, topic: input.topic ?? "" })
        .returning();
      return toChannel(channel!);
    }),
  ),

  list: serverProcedure("channel.read", serverIdInput).query(async ({ ctx }) => {
    const rows = await ctx.db
      .select()
      .from(channels)
      .where(eq(channels.serverId, ctx.membership.serverId))
      .orderBy(asc(channels.id));
    return rows.map(toChannel);
  }),

  get: channelProcedure("channel.read", channelIdInput).query(({ ctx }) => toChannel(ctx.channel)),

  update: channelProcedure("channel.update", updateChannelInput).mutation(({ ctx, input }) =>
    uniqueName(async () => {
      const [channel] = await ctx.db
        .update(channels)
        .set({ name: input.name, topic: input.topic })
        .where(eq(channels.id, ctx.channel.id))
        .returning();
      if (!channel) throw fail.notFound("Channel");
      return toChannel(channel);
    }),
  ),

  delete: channelProcedure("channel.delete", channelIdInput).mutation(async ({ ctx }) => {
    await ctx.db.delete(channels).where(eq(channels.id, ctx.channel.id));
    await signalAccessChange(ctx, topics.channel(ctx.channel.id));
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
