import { Readable } from "node:stream";

import { type Database, type SQL, type StoredEmbed, type StoredEmbedImage, type Transaction, and, eq, messages, nextId, sql } from "@chat/db";
import { fail } from "@chat/policy/errors";
import type { Storage } from "@chat/storage";

import { authorizeChannelRead } from "../attachments/access";
import { sniff } from "../attachments/sniff";
import type { Log } from "../core/log";
import type { SafeFetch } from "./safe-fetch";

/** The largest card image copied: past it, the preview goes without one. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** The types a preview shows and the image route serves; anything else (SVG above all) is no image. */
export const EMBED_IMAGE_TYPES: ReadonlySet<string> = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export function embedImageKey(messageId: bigint | string, imageId: string): string {
  return `embeds/${messageId}/${imageId}`;
}

/**
 * Copies a card's image into storage through the SSRF-safe fetcher: only a png, jpeg, gif or webp
 * (sniffed from the bytes, whatever the site says) of at most MAX_IMAGE_BYTES whose dimensions
 * can be read. Null when it is anything else or cannot be fetched.
 */
export async function copyEmbedImage(
  services: { fetcher: SafeFetch; storage: Storage; log: Log },
  messageId: bigint,
  imageUrl: string,
): Promise<StoredEmbedImage | null> {
  // Refused, slow, broken or too large: ordinary for a site's image, the card goes without it.
  const bytes = await services.fetcher.fetchImage(imageUrl, MAX_IMAGE_BYTES).catch(() => null);
  if (!bytes) return null;
  const { contentType, width, height } = await sniff(bytes);
  if (!EMBED_IMAGE_TYPES.has(contentType) || !width || !height) return null;
  const id = String(nextId());
  try {
    await services.storage.write(embedImageKey(messageId, id), Readable.from([bytes]), { contentType, maxBytes: MAX_IMAGE_BYTES });
  } catch (err) {
    // Our storage failing is not the site's doing: worth a line, and the card keeps its text.
    services.log.warn({ err, messageId: String(messageId) }, "storing a link preview image failed");
    return null;
  }
  return { id, contentType, width, height };
}

/** The storage keys of a message's preview images. */
export function embedImageKeys(messageId: bigint | string, embeds: readonly StoredEmbed[] | null | undefined): string[] {
  return (embeds ?? []).flatMap((embed) => (embed.image ? [embedImageKey(messageId, embed.image.id)] : []));
}

/**
 * The preview images of the messages `where` selects, read inside the transaction that deletes
 * them (or their channels): once the rows are gone, nothing finds the objects.
 */
export async function embedImagesOf(tx: Database | Transaction, where: SQL): Promise<string[]> {
  const rows = await tx
    .select({ id: messages.id, embeds: messages.embeds })
    .from(messages)
    .where(and(where, sql`jsonb_path_exists(${messages.embeds}, '$[*].image.id')`));
  return rows.flatMap((row) => embedImageKeys(row.id, row.embeds));
}

/** After the commit; a failure is logged, the objects then stay without anything pointing at them. */
export async function removeEmbedImages(ctx: { storage?: Storage | undefined; log: Log }, keys: readonly string[]): Promise<void> {
  if (keys.length === 0 || !ctx.storage) return;
  try {
    await ctx.storage.delete(keys);
  } catch (err) {
    ctx.log.warn({ err, images: keys.length }, "removing link preview images failed");
  }
}

/**
 * A preview image that `userId` may load, with its storage key: one of the message's current
 * previews (a removed one is gone even if its object is not yet), in a channel they may read,
 * as attachments (authorizeChannelRead). Anything else is NOT_FOUND.
 */
export async function readableEmbedImage(
  db: Database,
  messageId: bigint,
  imageId: string,
  userId: bigint,
): Promise<StoredEmbedImage & { key: string }> {
  const [row] = await db.select({ channelId: messages.channelId, embeds: messages.embeds }).from(messages).where(eq(messages.id, messageId));
  if (!row) throw fail.notFound("Image");
  await authorizeChannelRead(db, row.channelId, userId, "Image");
  const image = row.embeds?.find((embed) => embed.image?.id === imageId)?.image;
  if (!image || !EMBED_IMAGE_TYPES.has(image.contentType)) throw fail.notFound("Image");
  return { ...image, key: embedImageKey(messageId, image.id) };
}
