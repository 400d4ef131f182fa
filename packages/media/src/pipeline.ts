import sharp, { type Sharp } from "sharp";

import { corrupt, MediaError, tooLarge } from "./errors";
import { DEFAULT_PIXEL_LIMIT, type ImageInfo, inspectForProcessing } from "./inspect";

export interface MediaOptions {
  /** Pixels of one frame past which an image is refused (default 40 megapixels). */
  pixelLimit?: number;
}

export interface Decoded {
  info: ImageInfo;
  /** A fresh pipeline over the input: upright, every frame when `animated` is kept, pixel limit enforced by libvips too. */
  open: (options?: { firstFrameOnly?: boolean }) => Sharp;
  pixelLimit: number;
}

/**
 * Checks the header, then hands out pipelines. An animation whose frames together pass the pixel limit
 * is read as its first frame only: decoding all of them would cost that much memory at once.
 */
export async function decode(input: Buffer, options: MediaOptions = {}): Promise<Decoded> {
  const pixelLimit = options.pixelLimit ?? DEFAULT_PIXEL_LIMIT;
  const checked = await inspectForProcessing(input, pixelLimit);
  const keepAnimation = checked.animated && checked.width * checked.height * checked.pages <= pixelLimit;
  const info = keepAnimation ? checked : { ...checked, animated: false, pages: 1 };
  // libvips counts an animation's frames together against limitInputPixels, the same sum as above.
  const open = ({ firstFrameOnly = false } = {}) =>
    sharp(input, { animated: info.animated && !firstFrameOnly, autoOrient: true, limitInputPixels: pixelLimit });
  return { info, open, pixelLimit };
}

/** Runs a sharp step, turning libvips' failures on hostile or broken input into typed errors. */
export async function run<T>(pixelLimit: number, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof MediaError) throw error;
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge(pixelLimit);
    throw corrupt();
  }
}
