import sharp, { type Metadata } from "sharp";

import { corrupt, tooLarge, unsupported } from "./errors";

export type ImageFormat = "png" | "jpeg" | "gif" | "webp" | "avif";

export interface ImageInfo {
  format: ImageFormat;
  /** As displayed: EXIF orientation applied, one frame of an animation. */
  width: number;
  height: number;
  animated: boolean;
  /** Frames of an animation, 1 for a still image. */
  pages: number;
}

/** 40 megapixels per frame: a large phone photo fits, a decompression bomb does not. */
export const DEFAULT_PIXEL_LIMIT = 40_000_000;

export const contentTypes: Record<ImageFormat, string> = {
  png: "image/png",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  avif: "image/avif",
};

function formatOf(metadata: Metadata): ImageFormat | null {
  switch (metadata.format) {
    case "png":
    case "jpeg":
    case "gif":
    case "webp":
      return metadata.format;
    // libheif reads HEIC too; only its AV1 flavour is AVIF, which browsers show.
    case "heif":
      return metadata.compression === "av1" ? "avif" : null;
    default:
      return null;
  }
}

/** Reads only the header; null for anything but a PNG, JPEG, GIF, WebP or AVIF image. */
export async function inspectImage(input: Buffer): Promise<ImageInfo | null> {
  let metadata: Metadata;
  try {
    metadata = await sharp(input).metadata();
  } catch {
    return null;
  }
  const format = formatOf(metadata);
  if (!format) return null;
  const pages = metadata.pages ?? 1;
  return {
    format,
    width: metadata.autoOrient.width,
    height: metadata.autoOrient.height,
    animated: pages > 1 && (format === "gif" || format === "webp"),
    pages,
  };
}

/** The header read and checked before any pixel is decoded: typed errors for what will not be processed. */
export async function inspectForProcessing(input: Buffer, pixelLimit: number): Promise<ImageInfo> {
  const info = await inspectImage(input);
  if (!info) {
    // A recognised signature whose header sharp cannot parse is a broken image, not a foreign type.
    throw looksLikeImage(input) ? corrupt() : unsupported();
  }
  if (info.width * info.height > pixelLimit) throw tooLarge(pixelLimit);
  return info;
}

const signatures: Array<[offset: number, bytes: string]> = [
  [0, "\x89PNG"],
  [0, "\xff\xd8\xff"],
  [0, "GIF8"],
  [8, "WEBP"],
  [4, "ftypavi"],
];

function looksLikeImage(input: Buffer): boolean {
  return signatures.some(([offset, bytes]) => input.subarray(offset, offset + bytes.length).toString("latin1") === bytes);
}
