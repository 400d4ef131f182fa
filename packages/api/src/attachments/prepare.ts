import { type Database, attachments, inArray } from "@chat/db";
import { fail } from "@chat/policy/errors";
import type { Storage } from "@chat/storage";

import { type AttachmentDto, toAttachmentDto } from "./dto";
import { checkPixels, processAttachmentImage } from "./images";
import { IMAGE_TYPES, type Sniffed, SNIFF_BYTES, sniff } from "./sniff";
import { UNATTACHED_TTL_MS } from "./sweep";

/** An upload is sendable for a little less than the sweep leaves it, so that no sweep removes a file a send is taking. */
export const SENDABLE_MS = UNATTACHED_TTL_MS - 5 * 60_000;

/** An upload a send may take, with what its bytes turned out to be. */
export interface PreparedAttachment extends Sniffed {
  id: bigint;
  dto: AttachmentDto;
}

/**
 * The uploads a send names, checked before its commit: each the sender's own (else NOT_FOUND, as
 * an unknown id: another's upload is not revealed), in this channel, not sent yet, not too old,
 * its bytes stored at the declared size; then sniffed, and images processed (images.ts): an image
 * past the pixel limit is refused (400), one that does not decode is sent as a plain file. The
 * commit claims them only if still unsent (commitNewMessage), so two sends racing for one upload
 * cannot both get it.
 */
export async function prepareAttachments(
  ctx: { db: Database; storage?: Storage },
  sender: { userId: bigint; channelId: bigint },
  ids: readonly string[],
): Promise<PreparedAttachment[]> {
  if (ids.length === 0) return [];
  if (new Set(ids).size !== ids.length) throw fail.badRequest("An attachment is named twice");
  const { storage } = ctx;
  if (!storage) throw fail.notFound("Attachment");
  const rows = await ctx.db
    .select()
    .from(attachments)
    .where(inArray(attachments.id, ids.map((id) => BigInt(id))));
  const byId = new Map(rows.map((row) => [String(row.id), row]));
  const oldest = Date.now() - SENDABLE_MS;
  const checked = ids.map((id) => {
    const row = byId.get(id);
    if (!row || row.uploaderId !== sender.userId) throw fail.notFound(`Attachment ${id}`);
    if (row.channelId !== sender.channelId) throw fail.badRequest(`Attachment ${id} was uploaded to another channel`);
    if (row.messageId !== null) throw fail.conflict(`Attachment ${id} is already sent`);
    if (row.createdAt.getTime() < oldest) throw fail.conflict(`Attachment ${id} expired: upload it again`);
    return row;
  });
  const sniffed = await Promise.all(
    checked.map(async (row) => {
      const stored = await storage.stat(row.storageKey);
      if (!stored) throw fail.conflict(`Attachment ${row.id} has no bytes yet: upload them first`);
      if (stored.size !== row.size) throw fail.conflict(`Attachment ${row.id} holds ${stored.size} bytes, not the ${row.size} declared`);
      const found = await sniff(await storage.readHead(row.storageKey, SNIFF_BYTES));
      if (IMAGE_TYPES.has(found.contentType)) checkPixels(row.filename, found.width, found.height);
      return { row, found };
    }),
  );
  // Every upload is checked before any image costs CPU.
  return Promise.all(
    sniffed.map(async ({ row, found }) => {
      let file: Sniffed & { size: number; placeholder: string | null } = { ...found, size: row.size, placeholder: null };
      if (IMAGE_TYPES.has(found.contentType)) {
        // Already processed by an earlier send that did not commit: taken as it is.
        const processed = row.placeholder === null ? await processAttachmentImage({ db: ctx.db, storage }, row) : row;
        file = processed
          ? { ...file, width: processed.width, height: processed.height, size: processed.size, placeholder: processed.placeholder }
          : { contentType: "application/octet-stream", width: null, height: null, size: row.size, placeholder: null };
      }
      const { contentType, width, height } = file;
      return { id: row.id, contentType, width, height, dto: toAttachmentDto({ ...row, ...file }) };
    }),
  );
}
