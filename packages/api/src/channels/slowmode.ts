import { type Database, type Transaction, and, channels, eq, inArray, slowmodeSends, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { type Actor, isAllowed } from "@chat/policy/permissions";
import { setSlowmodeInput } from "@chat/validators";

import { auditBy, recordAudit } from "../audit/record";
import { rest } from "../core/rest";
import { serverChannelProcedure } from "../core/trpc";
import { publishActivity } from "../unread/activity";
import { channelColumns, channelOutput, toChannel } from "./dto";
import type { SendGuard } from "./event-log";

/** Whether a send by `sender` in a channel of `seconds` slowmode must respect it: owners and admins need not. */
export function slowmodeApplies(seconds: number, sender: Actor): boolean {
  return seconds > 0 && !isAllowed("message.skipSlowmode", sender);
}

/** What a send by `sender` in `channel` must pass first: `passSlowmode`, in the send's transaction, when slowmode applies. */
export function slowmodeGuard(channel: { id: bigint; slowmodeSeconds: number }, userId: bigint, sender: Actor): SendGuard | undefined {
  const seconds = channel.slowmodeSeconds;
  return slowmodeApplies(seconds, sender) ? (tx) => passSlowmode(tx, channel.id, userId, seconds) : undefined;
}

/**
 * Records a send in a slowmode channel, or refuses it with RATE_LIMITED and the seconds left to
 * wait (the Retry-After). The upsert only moves `sent_at` when the previous send is at least
 * `seconds` old, and its row lock holds a member's concurrent sends until the first commits, so
 * they cannot both pass; a send that has to try again (its id missed the channel's floor) rolls
 * its record back with it.
 */
async function passSlowmode(tx: Transaction, channelId: bigint, userId: bigint, seconds: number): Promise<void> {
  const now = sql`now()`;
  const recorded = await tx
    .insert(slowmodeSends)
    .values({ channelId, userId, sentAt: now })
    .onConflictDoUpdate({
      target: [slowmodeSends.channelId, slowmodeSends.userId],
      set: { sentAt: now },
      setWhere: sql`${slowmodeSends.sentAt} <= now() - make_interval(secs => ${seconds})`,
    })
    .returning({ sentAt: slowmodeSends.sentAt });
  if (recorded.length > 0) return;
  const [last] = await tx
    .select({ waitMs: sql<number>`extract(epoch from ${slowmodeSends.sentAt} + make_interval(secs => ${seconds}) - now()) * 1000`.mapWith(Number) })
    .from(slowmodeSends)
    .where(sendBy(channelId, userId));
  const wait = Math.max(1, Math.ceil((last?.waitMs ?? 0) / 1000));
  throw fail.tooManyRequests(wait, `Slowmode is on: you can send again in this channel in ${wait} s`);
}

const sendBy = (channelId: bigint, userId: bigint) => and(eq(slowmodeSends.channelId, channelId), eq(slowmodeSends.userId, userId));

/** When `userId` may next send in each of the given slowmode channels, for those where that is still ahead. */
export async function slowmodeEnds(db: Database, userId: bigint, slowmodes: Array<{ id: bigint; slowmodeSeconds: number }>) {
  const ends = new Map<bigint, Date>();
  if (slowmodes.length === 0) return ends;
  const seconds = new Map(slowmodes.map((channel) => [channel.id, channel.slowmodeSeconds]));
  const rows = await db
    .select({ channelId: slowmodeSends.channelId, sentAt: slowmodeSends.sentAt })
    .from(slowmodeSends)
    .where(and(eq(slowmodeSends.userId, userId), inArray(slowmodeSends.channelId, [...seconds.keys()])));
  const now = Date.now();
  for (const row of rows) {
    const end = row.sentAt.getTime() + seconds.get(row.channelId)! * 1000;
    if (end > now) ends.set(row.channelId, new Date(end));
  }
  return ends;
}

/** Sets the seconds a member waits between two messages in the channel (0 turns slowmode off); audited. */
export const setSlowmode = serverChannelProcedure("channel.setSlowmode", setSlowmodeInput)
  .meta(
    rest("PUT", "/channels/{channelId}/slowmode", {
      summary: "Set a channel's slowmode",
      description: "`seconds` between a member's messages, 0 to 21600 (6 h); 0 turns it off. Owners and admins are exempt.",
      errors: [400, 403, 404],
    }),
  )
  .output(channelOutput)
  .mutation(async ({ ctx, input }) => {
    const channel = await ctx.db.transaction(async (tx) => {
      const [row] = await tx.update(channels).set({ slowmodeSeconds: input.seconds }).where(eq(channels.id, ctx.channel.id)).returning(channelColumns);
      if (!row) throw fail.notFound("Channel");
      const details = { from: ctx.channel.slowmodeSeconds, to: row.slowmodeSeconds };
      await recordAudit(tx, { ...auditBy(ctx), action: "channel.slowmode", target: { id: row.id, name: row.name }, details });
      return toChannel(row);
    });
    void publishActivity(ctx, { type: "channel", action: "updated", serverId: channel.serverId, channel });
    return channel;
  });
