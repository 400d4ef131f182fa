import type { ChatMessage } from "../messages/message-cache";

/** A file on a message, as the API describes it (`url` is same-origin; "" on a message not yet sent). */
export type Attachment = ChatMessage["attachments"][number];

/** The address that makes the server send the file as a download rather than show it. */
export function downloadUrl(url: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}download=1`;
}

/** The thumbnails the server makes of a processed image: at most this wide and high, never upscaled. */
const THUMBNAIL_SIDES = [400, 1600] as const;

/**
 * A processed image's thumbnails (those with a placeholder have them) as `src` and `srcSet`, each
 * with the width it has; null for an image without thumbnails, shown from its own address.
 */
export function thumbnailSources(attachment: Pick<Attachment, "url" | "width" | "height" | "placeholder">): { src: string; srcSet?: string } | null {
  const { url, width, height, placeholder } = attachment;
  if (placeholder === null || width === null || height === null) return null;
  const candidates = new Map<number, string>();
  for (const side of THUMBNAIL_SIDES) {
    const scaled = Math.max(1, Math.round(width * Math.min(1, side / Math.max(width, height))));
    // A small image's thumbnails are the same size: the first one serves.
    if (!candidates.has(scaled)) candidates.set(scaled, `${url}?size=${side}`);
  }
  const [first] = candidates.values();
  if (candidates.size === 1) return { src: first! };
  return { src: first!, srcSet: [...candidates].map(([scaled, address]) => `${address} ${scaled}w`).join(", ") };
}
