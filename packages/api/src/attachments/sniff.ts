import { fileTypeFromBuffer } from "file-type";
import { imageSize } from "image-size";

/** Enough of a file for its signature, and for a JPEG's dimensions past a large EXIF block. */
export const SNIFF_BYTES = 128 * 1024;

/** The images browsers show inline and sends process (images.ts). */
export const IMAGE_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);

export interface Sniffed {
  contentType: string;
  width: number | null;
  height: number | null;
}

/**
 * What a file is, read from its first bytes, never from its name or the uploader's word: a type
 * `file-type` does not recognise is application/octet-stream (text files among them, which the
 * download route then serves as attachments). Dimensions for the images clients show inline.
 */
export async function sniff(head: Buffer): Promise<Sniffed> {
  const contentType = (await fileTypeFromBuffer(head))?.mime ?? "application/octet-stream";
  if (!IMAGE_TYPES.has(contentType)) return { contentType, width: null, height: null };
  try {
    const { width, height } = imageSize(head);
    return { contentType, width, height };
  } catch {
    // A signature with a body cut short or damaged: the file stays, without dimensions.
    return { contentType, width: null, height: null };
  }
}
