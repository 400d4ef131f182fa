import { type Database, type SQL, type Transaction, attachments, inArray } from "@chat/db";
import type { Storage } from "@chat/storage";

import type { Log } from "../core/log";
import { removeEmbedImages } from "../embeds/images";
import { storedKeys } from "./images";

/** Files to remove once the change that orphaned them has committed. */
export interface OrphanedFiles {
  ids: bigint[];
  /** Every object of those attachments: originals and thumbnails. */
  keys: string[];
  /** The storage keys of the deleted messages' link preview images (embeds/images.ts embedImagesOf): no row to keep. */
  previewImages?: string[];
}

/**
 * The files of the attachments `where` selects, read inside the transaction that deletes their
 * messages (or channels): the foreign keys only set the rows' message and channel to null.
 */
export async function filesOf(tx: Database | Transaction, where: SQL): Promise<OrphanedFiles> {
  const rows = await tx.select({ id: attachments.id, key: attachments.storageKey }).from(attachments).where(where);
  return { ids: rows.map((row) => row.id), keys: rows.flatMap((row) => storedKeys(row.key)) };
}

/**
 * After the commit: the files first, then their rows, so a file never loses the row that finds it.
 * Not awaited by the caller's answer; when storage fails, the rows stay unattached and the sweep
 * (sweep.ts) tries again.
 */
export async function removeFiles(ctx: { db: Database; storage?: Storage | undefined; log: Log }, files: OrphanedFiles): Promise<void> {
  await removeEmbedImages(ctx, files.previewImages ?? []);
  if (files.ids.length === 0 || !ctx.storage) return;
  try {
    await ctx.storage.delete(files.keys);
    await ctx.db.delete(attachments).where(inArray(attachments.id, files.ids));
  } catch (err) {
    ctx.log.warn({ err, attachments: files.ids.length }, "removing attachment files failed: the sweep will retry");
  }
}
