import { Readable } from "node:stream";

import { type Database, and, attachments, eq, isNull } from "@chat/db";
import { DEFAULT_PIXEL_LIMIT, MediaError, THUMBNAIL_SIDES, processImage } from "@chat/media";
import { fail } from "@chat/policy/errors";
import type { Storage } from "@chat/storage";
import sharp from "sharp";

export type ThumbnailSide = (typeof THUMBNAIL_SIDES)[number];
export { THUMBNAIL_SIDES };

/** A processed image's thumbnail, beside its original: `attachments/{channel}/{id}.400.webp`. */
export const thumbnailKey = (storageKey: string, side: ThumbnailSide) => `${storageKey}.${side}.webp`;

/** Every object an attachment may own, for deletion (absent thumbnails are no error). */
export const storedKeys = (storageKey: string) => [storageKey, ...THUMBNAIL_SIDES.map((side) => thumbnailKey(storageKey, side))];

/** What an image attachment is once processed, or null when its bytes do not decode (it stays a plain file). */
export interface ProcessedAttachment {
  size: number;
  width: number;
  height: number;
  placeholder: string;
}

/**
 * Image work is CPU-bound: a send with ten photos must not take every core from the other requests.
 * Two images at a time per process, one libvips thread each, fits two cores; the rest queue.
 */
const IMAGES_AT_ONCE = 2;
const THREADS_PER_IMAGE = 1;

interface Turns {
  free: number;
  waiting: Array<() => void>;
}

/** On globalThis: Next.js may bundle this module more than once in a process, and the bound is the process's. */
const turnsKey = Symbol.for("chat-rtc.image-turns");

function turns(): Turns {
  const holder = globalThis as { [turnsKey]?: Turns };
  if (!holder[turnsKey]) {
    sharp.concurrency(THREADS_PER_IMAGE);
    holder[turnsKey] = { free: IMAGES_AT_ONCE, waiting: [] };
  }
  return holder[turnsKey];
}

export async function inTurn<T>(task: () => Promise<T>): Promise<T> {
  const queue = turns();
  if (queue.free > 0) queue.free--;
  else await new Promise<void>((resolve) => queue.waiting.push(resolve));
  try {
    return await task();
  } finally {
    // The slot passes straight to the next in line, so a newcomer cannot overtake the queue.
    const next = queue.waiting.shift();
    if (next) next();
    else queue.free++;
  }
}

const tooManyPixels = (filename: string) =>
  fail.badRequest(`"${filename}" is too large an image: at most ${DEFAULT_PIXEL_LIMIT / 1_000_000} megapixels`);

/** Refuses, from its header's dimensions alone, an image past the pixel limit: no byte of it is decoded. */
export function checkPixels(filename: string, width: number | null, height: number | null): void {
  if (width !== null && height !== null && width * height > DEFAULT_PIXEL_LIMIT) throw tooManyPixels(filename);
}

async function readAll(storage: Storage, key: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of await storage.read(key)) {
    total += (chunk as Buffer).length;
    // The size was checked against the row before; a file grown since is not read whole into memory.
    if (total > maxBytes) throw fail.conflict("An attachment changed while it was being sent");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total);
}

async function put(storage: Storage, key: string, data: Buffer, contentType: string) {
  await storage.write(key, Readable.from([data]), { contentType, maxBytes: data.length });
}

/**
 * Processes an uploaded image before its send commits: the thumbnails are written beside it, then
 * the original is replaced by its re-encoding (upright, without EXIF, GPS or camera data), then the
 * row records the new size, the upright dimensions and the placeholder, which marks it processed
 * (a send that fails after this takes it as it is next time). Null when the bytes do not decode.
 */
export async function processAttachmentImage(
  ctx: { db: Database; storage: Storage },
  row: { id: bigint; filename: string; size: number; storageKey: string },
): Promise<ProcessedAttachment | null> {
  return inTurn(async () => {
    const input = await readAll(ctx.storage, row.storageKey, row.size);
    let image;
    try {
      image = await processImage(input);
    } catch (error) {
      if (!(error instanceof MediaError)) throw error;
      if (error.reason === "too_large") throw tooManyPixels(row.filename);
      return null;
    }
    for (const thumbnail of image.thumbnails) {
      await put(ctx.storage, thumbnailKey(row.storageKey, thumbnail.maxSide as ThumbnailSide), thumbnail.data, thumbnail.contentType);
    }
    await put(ctx.storage, row.storageKey, image.original.data, image.original.contentType);
    const processed = { size: image.original.data.length, width: image.width, height: image.height, placeholder: image.placeholder };
    await ctx.db
      .update(attachments)
      .set(processed)
      .where(and(eq(attachments.id, row.id), isNull(attachments.messageId)));
    return processed;
  });
}
