import sharp, { type Sharp } from "sharp";

/** Frames of distinct colours stacked top to bottom, the layout sharp reads and writes animations in. */
export async function animation(format: "gif" | "webp", width: number, height: number, colours: string[]): Promise<Buffer> {
  const frames = await Promise.all(
    colours.map((background) => sharp({ create: { width, height, channels: 3, background } }).raw().toBuffer()),
  );
  const stacked = sharp(Buffer.concat(frames), { raw: { width, height: height * colours.length, channels: 3, pageHeight: height } });
  const delay = colours.map(() => 100);
  return format === "gif" ? stacked.gif({ delay, loop: 0 }).toBuffer() : stacked.webp({ delay, loop: 0 }).toBuffer();
}

/** Left half red, right half blue: which way up it is shows in two pixels. */
export async function halves(width: number, height: number): Promise<Sharp> {
  const blue = await sharp({ create: { width: width / 2, height, channels: 3, background: "#0000ff" } }).png().toBuffer();
  return sharp({ create: { width, height, channels: 3, background: "#ff0000" } }).composite([{ input: blue, left: width / 2, top: 0 }]);
}

export async function pixel(image: Buffer, x: number, y: number): Promise<[number, number, number]> {
  const { data, info } = await sharp(image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (y * info.width + x) * 3;
  return [data[at]!, data[at + 1]!, data[at + 2]!];
}

export const solid = (width: number, height: number, format: "png" | "jpeg" = "png") =>
  sharp({ create: { width, height, channels: 3, background: "#3366cc" } })[format]().toBuffer();
