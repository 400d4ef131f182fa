import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";

import { fail } from "@chat/policy/errors";

const EMOJI_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
/** Discord's largest emoji side; a bigger one is only scaled down by every client. */
const MAX_SIDE = 4096;

export interface EmojiImage {
  contentType: string;
  animated: boolean;
}

/**
 * What an emoji's bytes are, never what its name or the uploader says: PNG, JPEG, GIF or WebP
 * (sniffed), with dimensions `image-size` can read, and animated when a GIF has a second frame
 * or a WebP an ANIM chunk. Anything else is a 400.
 */
export async function readEmojiImage(bytes: Buffer): Promise<EmojiImage> {
  const contentType = (await fileTypeFromBuffer(bytes))?.mime;
  if (!contentType || !EMOJI_TYPES.has(contentType)) throw fail.badRequest("An emoji is a PNG, JPEG, GIF or WebP image");
  let size: { width: number; height: number };
  try {
    size = imageSize(bytes);
  } catch {
    throw fail.badRequest("This image is damaged");
  }
  if (size.width < 1 || size.height < 1 || size.width > MAX_SIDE || size.height > MAX_SIDE) {
    throw fail.badRequest(`An emoji is at most ${MAX_SIDE} pixels a side`);
  }
  const animated = contentType === "image/gif" ? gifFrames(bytes) > 1 : contentType === "image/webp" && webpHasAnimation(bytes);
  return { contentType, animated };
}

/** Skips a GIF's data sub-blocks (each a length byte, then that many bytes; 0 ends them) from `at`. */
function skipSubBlocks(bytes: Buffer, at: number): number {
  let offset = at;
  while (offset < bytes.length && bytes[offset] !== 0) offset += bytes[offset]! + 1;
  return offset + 1;
}

/** How many images a GIF holds, counting up to two (all that matters here). */
export function gifFrames(bytes: Buffer): number {
  const flags = bytes[10] ?? 0;
  let offset = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 0x07) + 1) : 0);
  let frames = 0;
  while (offset < bytes.length && frames < 2) {
    const block = bytes[offset];
    if (block === 0x21) {
      offset = skipSubBlocks(bytes, offset + 2);
    } else if (block === 0x2c) {
      frames += 1;
      const local = bytes[offset + 9] ?? 0;
      offset += 10 + (local & 0x80 ? 3 * 2 ** ((local & 0x07) + 1) : 0);
      offset = skipSubBlocks(bytes, offset + 1); // after the LZW minimum code size
    } else {
      break; // the trailer (0x3b) or damage
    }
  }
  return frames;
}

/** Whether a WebP (RIFF) holds an ANIM chunk: an animated one. */
export function webpHasAnimation(bytes: Buffer): boolean {
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    if (bytes.toString("latin1", offset, offset + 4) === "ANIM") return true;
    const size = bytes.readUInt32LE(offset + 4);
    offset += 8 + size + (size % 2);
  }
  return false;
}
