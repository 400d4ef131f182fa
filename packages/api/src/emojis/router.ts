/**
 * A server's custom emoji: list, rename, delete. Uploading one is a PUT of its bytes to the web
 * app's route (`PUT /api/servers/{serverId}/emojis?name=…`, create.ts), which streams them into
 * storage as attachments' uploads do. Each change reaches the members as an `emojis` event and
 * is recorded in the server's audit log.
 */
import { eq, messageReactions, serverEmojis } from "@chat/db";
import { emojiIdInput, formatCustomEmoji, renameEmojiInput, serverIdInput } from "@chat/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";

import { auditBy, changes, recordAudit } from "../audit/record";
import { okOutput } from "../core/dto";
import { rest } from "../core/rest";
import { serverProcedure } from "../core/trpc";
import { isUniqueViolation } from "../errors";
import { nameTaken } from "./create";
import { emojiOutput, toEmojiDto } from "./dto";
import { announceEmojis, findEmoji, listEmojis, nameInUse } from "./store";

const route = "/servers/{serverId}/emojis/{emojiId}";

export const emojiRouter = {
  list: serverProcedure("emoji.read", serverIdInput)
    .meta(rest("GET", "/servers/{serverId}/emojis", { summary: "A server's custom emoji, oldest first", errors: [400, 404] }))
    .output(z.array(emojiOutput))
    .query(({ ctx }) => listEmojis(ctx.db, ctx.membership.serverId)),

  /** Reactions with the emoji follow its new name, so that one emoji stays one reaction. */
  rename: serverProcedure("emoji.manage", renameEmojiInput)
    .meta(rest("PATCH", route, { summary: "Rename a custom emoji", description: "Needs MANAGE_SERVER.", errors: [400, 403, 404, 409] }))
    .output(emojiOutput)
    .mutation(async ({ ctx, input }) => {
      const serverId = ctx.membership.serverId;
      const renamed = await ctx.db
        .transaction(async (tx) => {
          const before = await findEmoji(tx, serverId, BigInt(input.emojiId));
          if (await nameInUse(tx, serverId, input.name, before.id)) throw nameTaken();
          const [after] = await tx.update(serverEmojis).set({ name: input.name }).where(eq(serverEmojis.id, before.id)).returning();
          const written = (name: string) => formatCustomEmoji({ animated: before.animated, name, id: String(before.id) });
          await tx.update(messageReactions).set({ emoji: written(input.name) }).where(eq(messageReactions.emoji, written(before.name)));
          const details = changes(before, after!, ["name"]);
          await recordAudit(tx, { ...auditBy(ctx), action: "emoji.rename", target: { id: before.id, name: after!.name }, details });
          return after!;
        })
        .catch((error: unknown) => {
          throw isUniqueViolation(error, "server_emojis_server_id_name_lower_key") ? nameTaken() : error;
        });
      void announceEmojis(ctx, serverId);
      return toEmojiDto(renamed);
    }),

  /** Its file goes with it; messages and reactions that wrote it show its name as text. */
  delete: serverProcedure("emoji.manage", emojiIdInput)
    .meta(rest("DELETE", route, { summary: "Delete a custom emoji and its file", description: "Needs MANAGE_SERVER.", errors: [400, 403, 404] }))
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      const serverId = ctx.membership.serverId;
      const emoji = await findEmoji(ctx.db, serverId, BigInt(input.emojiId));
      const deleted = await ctx.db.transaction(async (tx) => {
        const [row] = await tx.delete(serverEmojis).where(eq(serverEmojis.id, emoji.id)).returning({ key: serverEmojis.storageKey, name: serverEmojis.name });
        // Only the deletion that removed the row is recorded (two at once leave one entry), under the name it had then.
        if (row) await recordAudit(tx, { ...auditBy(ctx), action: "emoji.delete", target: { id: emoji.id, name: row.name } });
        return row;
      });
      if (deleted) {
        await ctx.storage
          ?.delete([deleted.key])
          .catch((err: unknown) => ctx.log.warn({ err, emojiId: input.emojiId }, "deleting an emoji's file failed"));
        void announceEmojis(ctx, serverId);
      }
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
