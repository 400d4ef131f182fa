import type { Sharp } from "sharp";

import { contentTypes, type ImageFormat } from "./inspect";
import { decode, type MediaOptions, run } from "./pipeline";

export interface EncodedImage {
  data: Buffer;
  contentType: string;
  width: number;
  /** One frame's height for an animation. */
  height: number;
}

export interface ProcessedImage {
  /** Same format, re-encoded: upright, every metadata block (EXIF with GPS and camera, XMP, comments) dropped. */
  original: EncodedImage & { format: ImageFormat };
  width: number;
  height: number;
  animated: boolean;
  pages: number;
  /** A ~16 px wide blurred WebP as a data URL, shown while the image loads. */
  placeholder: string;
  /** WebP, at most `maxSide` on the longer side, never upscaled; animated when the image is. */
  thumbnails: Array<EncodedImage & { maxSide: number }>;
}

export const THUMBNAIL_SIDES = [400, 1600] as const;
const PLACEHOLDER_WIDTH = 16;

/** sharp writes no metadata unless told to (withMetadata, keepExif…): encoding alone strips it. */
function encodeAs(pipeline: Sharp, format: ImageFormat): Sharp {
  switch (format) {
    case "png":
      return pipeline.png();
    case "jpeg":
      return pipeline.jpeg({ quality: 85 });
    case "gif":
      return pipeline.gif();
    case "webp":
      return pipeline.webp({ quality: 85 });
    case "avif":
      return pipeline.avif({ quality: 60 });
  }
}

async function encoded(pipeline: Sharp, pages: number, contentType: string): Promise<EncodedImage> {
  const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
  // An animation comes back as its frames stacked: one frame is the total height over their count.
  return { data, contentType, width: info.width, height: Math.round(info.height / pages) };
}

export async function processImage(input: Buffer, options?: MediaOptions): Promise<ProcessedImage> {
  const { info, open, pixelLimit } = await decode(input, options);
  return run(pixelLimit, async () => {
    const original = await encoded(encodeAs(open(), info.format), info.pages, contentTypes[info.format]);
    const tiny = await open({ firstFrameOnly: true })
      .resize(PLACEHOLDER_WIDTH, PLACEHOLDER_WIDTH, { fit: "inside" })
      .blur(0.6)
      .webp({ quality: 40 })
      .toBuffer();
    const thumbnails = [];
    for (const maxSide of THUMBNAIL_SIDES) {
      const pipeline = open().resize(maxSide, maxSide, { fit: "inside", withoutEnlargement: true }).webp({ quality: 80 });
      thumbnails.push({ maxSide, ...(await encoded(pipeline, info.pages, "image/webp")) });
    }
    return {
      original: { ...original, format: info.format },
      width: original.width,
      height: original.height,
      animated: info.animated,
      pages: info.pages,
      placeholder: `data:image/webp;base64,${tiny.toString("base64")}`,
      thumbnails,
    };
  });
}
