import { type Database, count, desc, eq, inArray, messagePins, messages, users } from "@chat/db";
import { fail } from "@chat/policy/errors";
import { channelIdInput, limits, messageIdInput } from "@chat/validators";
import { z } from "zod";

import { auditBy, recordAudit } from "../audit/record";
import { commitChannelEvent } from "../channels/event-log";
import { okOutput, person, timestamp } from "../core/dto";
import { rest } from "../core/rest";
import { serverChannelProcedure, serverMessageProcedure } from "../core/trpc";
import { selectMessages, toMessages } from "./details";
import { messageOutput } from "./dto";

/** Who pinned or unpinned a message, and when: what a `pinned` or `unpinned` event carries. */
export interface PinChange {
  by: { id: string; username: string };
  at: Date;
}

export const pinOutput = z
  .object({
    message: messageOutput,
    pinnedBy: person.nullable().meta({ description: "null once that account is deleted" }),
    pinnedAt: timestamp,
  })
  .meta({ id: "Pin" });

type PinDto = z.infer<typeof pinOutput>;

const route = "/messages/{messageId}/pin";

/** The channel's pins (or the one of `messageId`), newest pinned first, each message as `viewerId` sees it. */
async function readPins(db: Database, where: { channelId: bigint } | { messageId: bigint }, viewerId: bigint): Promise<PinDto[]> {
  const rows = await db
    .select({ messageId: messagePins.messageId, pinnedAt: messagePins.pinnedAt, pinnedById: messagePins.pinnedBy, pinnedByName: users.username })
    .from(messagePins)
    .leftJoin(users, eq(users.id, messagePins.pinnedBy))
    .where("channelId" in where ? eq(messagePins.channelId, where.channelId) : eq(messagePins.messageId, where.messageId))
    .orderBy(desc(messagePins.pinnedAt), desc(messagePins.messageId))
    .limit(limits.pinsPerChannel.max);
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.messageId);
  const byId = new Map((await toMessages(db, await selectMessages(db, inArray(messages.id, ids)), viewerId)).map((m) => [m.id, m]));
  return rows.flatMap((row) => {
    const message = byId.get(String(row.messageId));
    const pinnedBy = row.pinnedById === null ? null : { id: String(row.pinnedById), username: row.pinnedByName ?? "" };
    return message ? [{ message, pinnedBy, pinnedAt: row.pinnedAt }] : [];
  });
}

/** Pinning or unpinning is moderation: it goes to the audit log, with the message's channel and author. */
function auditDetails(message: { channelId: bigint; authorId: bigint | null }) {
  return { channelId: String(message.channelId), authorId: message.authorId === null ? null : String(message.authorId) };
}

/**
 * Pins a message to its channel; subscribers get a `pinned` event. Pinning a pinned message changes
 * nothing. The channel's count is read under its lock (`commitChannelEvent`), so concurrent pins
 * cannot pass the limit.
 */
export const pin = serverMessageProcedure("message.pin", messageIdInput)
  .meta(rest("PUT", route, { summary: "Pin a message to its channel", description: "At most 50 per channel (409).", errors: [400, 403, 404, 409] }))
  .output(pinOutput)
  .mutation(async ({ ctx }) => {
    const { id, channelId } = ctx.message;
    const [existing] = await readPins(ctx.db, { messageId: id }, ctx.user.id);
    if (existing) return existing;
    await commitChannelEvent(ctx, channelId, async (tx, channel) => {
      const [pinned] = await tx.select({ n: count() }).from(messagePins).where(eq(messagePins.channelId, channelId));
      if ((pinned?.n ?? 0) >= limits.pinsPerChannel.max) {
        throw fail.conflict(`A channel holds at most ${limits.pinsPerChannel.max} pins: unpin one first`);
      }
      const inserted = await tx
        .insert(messagePins)
        .values({ messageId: id, channelId, pinnedBy: ctx.user.id, pinnedAt: channel.now })
        .onConflictDoNothing()
        .returning({ id: messagePins.messageId });
      if (inserted.length === 0) throw fail.conflict("The message was pinned meanwhile");
      await recordAudit(tx, { ...auditBy(ctx), action: "message.pin", target: { id }, details: auditDetails(ctx.message) });
      const by = { id: String(ctx.user.id), username: ctx.user.username };
      return { event: { type: "pinned" as const, message: { id: String(id), channelId: String(channelId) }, pin: { by, at: channel.now } } };
    });
    const [created] = await readPins(ctx.db, { messageId: id }, ctx.user.id);
    if (!created) throw fail.notFound("Message");
    return created;
  });

/** Unpins a message; subscribers get an `unpinned` event. Unpinning a message that is not pinned changes nothing. */
export const unpin = serverMessageProcedure("message.pin", messageIdInput)
  .meta(rest("DELETE", route, { summary: "Unpin a message", errors: [400, 403, 404] }))
  .output(okOutput)
  .mutation(async ({ ctx }) => {
    const { id, channelId } = ctx.message;
    const [pinned] = await ctx.db.select({ id: messagePins.messageId }).from(messagePins).where(eq(messagePins.messageId, id));
    if (!pinned) return { ok: true as const };
    await commitChannelEvent(ctx, channelId, async (tx, channel) => {
      const removed = await tx.delete(messagePins).where(eq(messagePins.messageId, id)).returning({ id: messagePins.messageId });
      if (removed.length === 0) throw fail.conflict("The message was unpinned meanwhile");
      await recordAudit(tx, { ...auditBy(ctx), action: "message.unpin", target: { id }, details: auditDetails(ctx.message) });
      const by = { id: String(ctx.user.id), username: ctx.user.username };
      return { event: { type: "unpinned" as const, message: { id: String(id), channelId: String(channelId) }, pin: { by, at: channel.now } } };
    });
    return { ok: true as const };
  });

export const pins = serverChannelProcedure("message.read", channelIdInput)
  .meta(rest("GET", "/channels/{channelId}/pins", { summary: "A channel's pinned messages, newest pinned first", errors: [400, 404] }))
  .output(z.array(pinOutput))
  .query(({ ctx }) => readPins(ctx.db, { channelId: ctx.channel.id }, ctx.user.id));
