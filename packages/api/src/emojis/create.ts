import type { Readable } from "node:stream";

import { and, count, eq, nextId, serverEmojis } from "@chat/db";
import { DomainError, fail } from "@chat/policy/errors";
import { authorize } from "@chat/policy/permissions";
import { StorageTooLargeError } from "@chat/storage";
import { createEmojiInput, limits } from "@chat/validators";

import { recordAudit } from "../audit/record";
import { enforceRateLimit } from "../core/rate-limit";
import type { Context } from "../core/trpc";
import { isUniqueViolation } from "../errors";
import { loadMembership } from "../members/membership";
import { lockServer } from "../members/removal";
import { type EmojiDto, toEmojiDto } from "./dto";
import { readEmojiImage } from "./image";
import { announceEmojis, nameInUse } from "./store";

const MAX_BYTES = limits.emojiBytes.max;
const tooLarge = () => new DomainError("PAYLOAD_TOO_LARGE", `An emoji is at most ${MAX_BYTES / 1024} KiB`);
export const nameTaken = () => fail.conflict("This server has an emoji of that name");

interface EmojiUpload {
  /** Raw, as the request gave them: validated here. */
  serverId: string;
  name: string | null;
  /** The request's Content-Length, when it gave one: past the limit, refused before a byte is read. */
  declaredLength: number | null;
  body: Readable | null;
}

/**
 * A new custom emoji, its bytes streamed from the request (the upload route; REST clients PUT
 * there too) into storage and cut off past 256 KiB. Who may manage the server, with a name free
 * in it; the type, and whether it moves, come from the bytes; then the count of that kind is
 * checked under the server's lock. A refused file is removed.
 */
export async function createEmoji(ctx: Context, upload: EmojiUpload): Promise<EmojiDto> {
  if (!ctx.user) throw fail.unauthorized();
  const parsed = createEmojiInput.safeParse({ serverId: upload.serverId, name: upload.name ?? "" });
  if (!parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "serverId")) throw fail.notFound("Server");
  const membership = await loadMembership(ctx.db, BigInt(upload.serverId), ctx.user.id);
  authorize("emoji.manage", membership);
  await enforceRateLimit(ctx.rateLimiter, "emojiCreate", String(ctx.user.id));
  if (upload.declaredLength !== null && upload.declaredLength > MAX_BYTES) throw tooLarge();
  if (!parsed.success) throw fail.badRequest(`name ${parsed.error.issues[0]!.message}`);
  const { name } = parsed.data;
  const serverId = membership.serverId;
  if (await nameInUse(ctx.db, serverId, name)) throw nameTaken();
  const { storage } = ctx;
  if (!storage) throw fail.notFound("File storage");
  if (!upload.body) throw fail.badRequest("The request has no body");
  const id = nextId();
  const storageKey = `emojis/${serverId}/${id}`;
  const written = await storage.write(storageKey, upload.body, { contentType: "application/octet-stream", maxBytes: MAX_BYTES }).catch((error: unknown) => {
    throw error instanceof StorageTooLargeError ? tooLarge() : error;
  });
  try {
    if (written.size === 0) throw fail.badRequest("The request has no body");
    const image = await readEmojiImage(await storage.readHead(storageKey, MAX_BYTES));
    const kind = image.animated ? "animated" : "static";
    const row = await ctx.db.transaction(async (tx) => {
      await lockServer(tx, serverId, "update");
      const [held] = await tx
        .select({ n: count() })
        .from(serverEmojis)
        .where(and(eq(serverEmojis.serverId, serverId), eq(serverEmojis.animated, image.animated)));
      const max = limits.emojisPerServer[kind];
      if (held!.n >= max) throw fail.badRequest(`A server holds at most ${max} ${kind} emoji`);
      const [created] = await tx
        .insert(serverEmojis)
        .values({ id, serverId, name, animated: image.animated, contentType: image.contentType, storageKey, uploaderId: ctx.user!.id })
        .returning();
      await recordAudit(tx, { serverId, actorId: ctx.user!.id, action: "emoji.create", target: { id, name } });
      return created!;
    });
    void announceEmojis(ctx, serverId);
    return toEmojiDto(row);
  } catch (error) {
    await storage.delete([storageKey]);
    throw isUniqueViolation(error, "server_emojis_server_id_name_lower_key") ? nameTaken() : error;
  }
}
