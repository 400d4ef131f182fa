import { decode, type MediaOptions, run } from "./pipeline";

export const AVATAR_SIZES = [32, 64, 128, 256] as const;
export type AvatarSize = (typeof AVATAR_SIZES)[number];

export interface ProcessedAvatar {
  animated: boolean;
  /** Square WebP files, centre-cropped, one per size. */
  files: Array<{ size: AvatarSize; data: Buffer }>;
}

/** An animation is kept when its frames together stay under 16 megapixels (a 400×400 GIF of 100 frames); else its first frame. */
const ANIMATED_AVATAR_PIXELS = 16_000_000;

export async function processAvatar(input: Buffer, options?: MediaOptions): Promise<ProcessedAvatar> {
  const { info, open, pixelLimit } = await decode(input, options);
  const animated = info.animated && info.width * info.height * info.pages <= ANIMATED_AVATAR_PIXELS;
  return run(pixelLimit, async () => {
    const files = [];
    for (const size of AVATAR_SIZES) {
      const data = await open({ firstFrameOnly: !animated })
        .resize(size, size, { fit: "cover", position: "centre" })
        .webp({ quality: 82 })
        .toBuffer();
      files.push({ size, data });
    }
    return { animated, files };
  });
}
