import sharp from "sharp";
import { describe, expect, it } from "vitest";

import { inspectImage, MediaError, processAvatar, processImage } from "../src";
import { animation, halves, pixel, solid } from "./images";

const reasonOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (error instanceof MediaError ? error.reason : error),
  );

const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 60 && b! < 60;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 60 && g! < 60;

describe("inspectImage", () => {
  it("names the five formats with their size, and null for anything else", async () => {
    const still = (format: "png" | "jpeg" | "webp" | "avif" | "gif") =>
      sharp({ create: { width: 30, height: 20, channels: 3, background: "#123456" } })[format]().toBuffer();
    for (const format of ["png", "jpeg", "gif", "webp", "avif"] as const) {
      expect(await inspectImage(await still(format))).toEqual({ format, width: 30, height: 20, animated: false, pages: 1 });
    }
    expect(await inspectImage(await animation("gif", 8, 6, ["#f00", "#0f0", "#00f"]))).toEqual({
      format: "gif",
      width: 8,
      height: 6,
      animated: true,
      pages: 3,
    });
    expect(await inspectImage(Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"))).toBeNull();
    expect(await inspectImage(await sharp({ create: { width: 4, height: 4, channels: 3, background: "#000" } }).tiff().toBuffer())).toBeNull();
    expect(await inspectImage(Buffer.from("%PDF-1.7 not an image"))).toBeNull();
    expect(await inspectImage(Buffer.alloc(0))).toBeNull();
  });
});

describe("processImage", () => {
  it("drops EXIF (GPS, camera) from a JPEG and keeps it a JPEG", async () => {
    const input = await sharp(await solid(64, 48, "jpeg"))
      .withExif({
        IFD0: { Make: "SecretCam", Model: "Spy 3000" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();
    expect(input.includes("SecretCam")).toBe(true);

    const result = await processImage(input);
    const metadata = await sharp(result.original.data).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(result.original.contentType).toBe("image/jpeg");
    expect(metadata.exif).toBeUndefined();
    expect(metadata.xmp).toBeUndefined();
    expect(result.original.data.includes("SecretCam")).toBe(false);
    for (const thumbnail of result.thumbnails) expect((await sharp(thumbnail.data).metadata()).exif).toBeUndefined();
  });

  it("applies the EXIF orientation before dropping it, so the picture stays upright", async () => {
    // Stored 200×100 with orientation 6: shown rotated a quarter turn clockwise, 100×200, red on top.
    const input = await (await halves(200, 100)).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(input).metadata()).orientation).toBe(6);
    expect(await inspectImage(input)).toMatchObject({ width: 100, height: 200 });

    const result = await processImage(input);
    expect([result.width, result.height]).toEqual([100, 200]);
    const metadata = await sharp(result.original.data).metadata();
    expect(metadata.orientation).toBeUndefined();
    expect([metadata.width, metadata.height]).toEqual([100, 200]);
    expect(isRed(await pixel(result.original.data, 50, 20))).toBe(true);
    expect(isBlue(await pixel(result.original.data, 50, 180))).toBe(true);
    expect(isRed(await pixel(result.thumbnails[0]!.data, 50, 20))).toBe(true);
  });

  it("keeps an animated GIF and an animated WebP animated, with every frame", async () => {
    for (const format of ["gif", "webp"] as const) {
      const input = await animation(format, 60, 40, ["#ff0000", "#00ff00", "#0000ff", "#ffff00"]);
      const result = await processImage(input);
      expect(result).toMatchObject({ animated: true, pages: 4, width: 60, height: 40 });
      expect(await sharp(result.original.data).metadata()).toMatchObject({ format, pages: 4, width: 60, height: 40 });
      for (const thumbnail of result.thumbnails) {
        expect(await sharp(thumbnail.data).metadata()).toMatchObject({ format: "webp", pages: 4 });
        expect([thumbnail.width, thumbnail.height]).toEqual([60, 40]);
      }
    }
  });

  it("never upscales: a 1×1 PNG gives 1×1 thumbnails and a tiny placeholder", async () => {
    const result = await processImage(await solid(1, 1));
    expect(result).toMatchObject({ width: 1, height: 1, animated: false, pages: 1 });
    expect(result.thumbnails.map(({ maxSide, width, height }) => [maxSide, width, height])).toEqual([
      [400, 1, 1],
      [1600, 1, 1],
    ]);
    expect(result.placeholder).toMatch(/^data:image\/webp;base64,/);
  });

  it("fits a 5000×300 panorama into 400 and 1600 on its longer side, with a placeholder under 1 KB", async () => {
    const result = await processImage(await solid(5000, 300, "jpeg"));
    expect(result.thumbnails.map(({ maxSide, width, height }) => [maxSide, width, height])).toEqual([
      [400, 400, 24],
      [1600, 1600, 96],
    ]);
    for (const thumbnail of result.thumbnails) {
      expect(await sharp(thumbnail.data).metadata()).toMatchObject({ format: "webp", width: thumbnail.width, height: thumbnail.height });
    }
    const placeholder = Buffer.from(result.placeholder.split(",")[1]!, "base64");
    expect(placeholder.length).toBeLessThan(1024);
    expect(await sharp(placeholder).metadata()).toMatchObject({ format: "webp", width: 16, height: 1 });
  });

  it("refuses, with a typed error, a corrupt file, a foreign type and an image past the pixel limit", async () => {
    const jpeg = await (await halves(400, 300)).jpeg().toBuffer();
    expect(await reasonOf(processImage(jpeg.subarray(0, jpeg.length / 2)))).toBe("corrupt");
    expect(await reasonOf(processImage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])))).toBe("corrupt");
    expect(await reasonOf(processImage(Buffer.from("hello, world")))).toBe("unsupported");
    // 7000×7000 is 49 megapixels, past the default 40: refused from its header, before any pixel is decoded.
    const huge = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: "#000" } }).png().toBuffer();
    expect(await reasonOf(processImage(huge))).toBe("too_large");
    expect(await reasonOf(processAvatar(huge))).toBe("too_large");
    expect(await reasonOf(processImage(await solid(200, 200), { pixelLimit: 100 * 100 }))).toBe("too_large");
  });

  it("reads an animation whose frames together pass the pixel limit as its first frame", async () => {
    const input = await animation("gif", 50, 50, ["#ff0000", "#00ff00", "#0000ff"]);
    const result = await processImage(input, { pixelLimit: 5000 });
    expect(result).toMatchObject({ animated: false, pages: 1, width: 50, height: 50 });
    expect((await sharp(result.original.data).metadata()).pages).toBe(1);
  });
});

describe("processAvatar", () => {
  it("crops the centre square in four sizes of WebP", async () => {
    const result = await processAvatar(await (await halves(300, 100)).png().toBuffer());
    expect(result.animated).toBe(false);
    expect(result.files.map(({ size }) => size)).toEqual([32, 64, 128, 256]);
    for (const { size, data } of result.files) {
      expect(await sharp(data).metadata()).toMatchObject({ format: "webp", width: size, height: size });
    }
    // The centre 100×100 of a red|blue 300×100 strip: red on the left, blue on the right.
    const largest = result.files[3]!.data;
    expect(isRed(await pixel(largest, 10, 128))).toBe(true);
    expect(isBlue(await pixel(largest, 245, 128))).toBe(true);
  });

  it("keeps a small animated GIF animated", async () => {
    const result = await processAvatar(await animation("gif", 80, 60, ["#ff0000", "#00ff00", "#0000ff"]));
    expect(result.animated).toBe(true);
    for (const { size, data } of result.files) {
      expect(await sharp(data).metadata()).toMatchObject({ format: "webp", width: size, height: size, pages: 3 });
    }
  });
});
