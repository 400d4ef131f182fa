/**
 * Images sent as attachments are processed before their send commits (attachments/images.ts), with
 * real sharp on real bytes in disk storage: metadata stripped, orientation applied, thumbnails and a
 * placeholder made, animations kept, broken images kept as plain files, bombs refused.
 */
import { Readable } from "node:stream";
import { deflateSync } from "node:zlib";

import { attachments, eq, messages } from "@chat/db";
import { TRPCError } from "@trpc/server";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sweepUnattached } from "../src";
import { inTurn } from "../src/attachments/images";
import { createHarness, type Harness, type TestUser } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ uploadMaxBytes: 4 * 1024 * 1024 });
});
afterAll(() => h.close());

const keyOf = (channelId: string, id: string) => `attachments/${channelId}/${id}`;
const thumbnailKeys = (key: string) => [`${key}.400.webp`, `${key}.1600.webp`];

async function upload(user: TestUser, channelId: string, filename: string, bytes: Buffer) {
  const { id } = await user.caller.attachment.createUpload({ channelId, filename, size: bytes.length, contentType: "application/octet-stream" });
  await h.storage.write(keyOf(channelId, id), Readable.from([bytes]), { contentType: "application/octet-stream", maxBytes: bytes.length });
  return id;
}

async function stored(key: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await h.storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const solid = (width: number, height: number, background = "#3a7") => sharp({ create: { width, height, channels: 3, background } });

/** A GIF of `frames` frames of 20×10, each its own colour. */
async function animatedGif(frames: number): Promise<Buffer> {
  const frame = (n: number) => Buffer.alloc(20 * 10 * 4, Buffer.from([n * 80, 255 - n * 80, 90, 255]));
  const raw = Buffer.concat(Array.from({ length: frames }, (_, n) => frame(n)));
  return sharp(raw, { raw: { width: 20, height: 10 * frames, channels: 4, pageHeight: 10 } })
    .gif({ delay: Array(frames).fill(100) })
    .toBuffer();
}

/** A valid PNG header claiming width×height (1 bit per pixel, so it stays a few kilobytes): a decompression bomb. */
function pngBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([1, 0, 0, 0, 0], 8); // 1-bit greyscale, deflate, no interlace
  const rows = Buffer.alloc((Math.ceil(width / 8) + 1) * height);
  return Buffer.concat([
    Buffer.from("\x89PNG\r\n\x1a\n", "latin1"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

describe("images processed at the send", () => {
  it("strips EXIF (GPS, camera) from the stored original, and records the stored size", async () => {
    const { member, general } = await h.community("Exif");
    const photo = await solid(60, 40)
      .withExif({ IFD0: { Make: "Spycam", Model: "X1" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100" } })
      .jpeg()
      .toBuffer();
    const exif = (await sharp(photo).metadata()).exif!.toString("latin1");
    expect(exif).toContain("Spycam");
    expect(exif).toContain("\x25\x88"); // the GPS IFD's pointer tag, 0x8825, little-endian

    const id = await upload(member, general.id, "where.jpg", photo);
    const [file] = (await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).attachments;
    const original = await stored(keyOf(general.id, id));
    const metadata = await sharp(original).metadata();
    expect(metadata).toMatchObject({ format: "jpeg", width: 60, height: 40 });
    expect(metadata.exif).toBeUndefined();
    expect(original.toString("latin1")).not.toContain("Spycam");
    expect(file).toMatchObject({ contentType: "image/jpeg", width: 60, height: 40, size: original.length });
    const [row] = await h.handle.db.select().from(attachments).where(eq(attachments.id, BigInt(id)));
    expect(row!.size).toBe(original.length);
  });

  it("reports an EXIF-rotated photo upright, and stores it upright without the tag", async () => {
    const { member, general } = await h.community("Rotated");
    const sideways = await solid(60, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const id = await upload(member, general.id, "portrait.jpg", sideways);
    const [file] = (await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).attachments;
    expect(file).toMatchObject({ width: 40, height: 60 });
    const metadata = await sharp(await stored(keyOf(general.id, id))).metadata();
    expect([metadata.width, metadata.height, metadata.orientation]).toEqual([40, 60, undefined]);
    const [small] = thumbnailKeys(keyOf(general.id, id));
    expect(await sharp(await stored(small!)).metadata()).toMatchObject({ width: 40, height: 60 });
  });

  it("keeps an animated GIF animated, its thumbnails too", async () => {
    const { member, general } = await h.community("Animated");
    const id = await upload(member, general.id, "dance.gif", await animatedGif(3));
    const [file] = (await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).attachments;
    expect(file).toMatchObject({ contentType: "image/gif", width: 20, height: 10 });
    const key = keyOf(general.id, id);
    expect(await sharp(await stored(key)).metadata()).toMatchObject({ format: "gif", pages: 3, width: 20, height: 10, delay: [100, 100, 100] });
    for (const thumbnail of thumbnailKeys(key)) {
      expect(await sharp(await stored(thumbnail)).metadata()).toMatchObject({ format: "webp", pages: 3, width: 20, height: 10 });
    }
  });

  it("writes WebP thumbnails of at most 400 and 1600 px beside the original, never upscaled, and a placeholder under 1 KB", async () => {
    const { member, general } = await h.community("Thumbnails");
    const wide = await upload(member, general.id, "wide.jpg", await solid(2000, 1000).jpeg().toBuffer());
    const small = await upload(member, general.id, "small.png", await solid(300, 200).png().toBuffer());
    const sent = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [wide, small] });

    const sizes = async (id: string) =>
      Promise.all(
        thumbnailKeys(keyOf(general.id, id)).map(async (key) => {
          const { format, width, height } = await sharp(await stored(key)).metadata();
          return [format, width, height];
        }),
      );
    expect(await sizes(wide)).toEqual([
      ["webp", 400, 200],
      ["webp", 1600, 800],
    ]);
    expect(await sizes(small)).toEqual([
      ["webp", 300, 200],
      ["webp", 300, 200],
    ]);
    for (const file of sent.attachments) {
      expect(file.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
      expect(file.placeholder!.length).toBeLessThan(1024);
      const tiny = await sharp(Buffer.from(file.placeholder!.split(",")[1]!, "base64")).metadata();
      expect(Math.max(tiny.width, tiny.height)).toBeLessThanOrEqual(16);
    }
    // Every read of the message carries the placeholder.
    const [listed] = (await member.caller.message.list({ channelId: general.id, limit: 1 })).items;
    expect(listed!.attachments).toEqual(sent.attachments);
    expect((await member.caller.message.get({ messageId: sent.id })).attachments).toEqual(sent.attachments);
  });

  it("keeps an image that does not decode as a plain file, untouched and without thumbnails", async () => {
    const { member, general } = await h.community("Corrupt");
    const broken = Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), Buffer.alloc(200, 7)]);
    const id = await upload(member, general.id, "broken.png", broken);
    const [file] = (await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).attachments;
    expect(file).toMatchObject({ filename: "broken.png", contentType: "application/octet-stream", size: broken.length, width: null, height: null, placeholder: null });
    const key = keyOf(general.id, id);
    expect((await stored(key)).equals(broken)).toBe(true);
    expect(await Promise.all(thumbnailKeys(key).map((thumbnail) => h.storage.stat(thumbnail)))).toEqual([null, null]);
  });

  it("refuses an image past the pixel limit with a 400 that names the file, before decoding it", async () => {
    const { member, general } = await h.community("Bomb");
    const bomb = pngBomb(10_000, 10_000);
    expect(bomb.length).toBeLessThan(64 * 1024);
    const fine = await upload(member, general.id, "fine.png", await solid(10, 10).png().toBuffer());
    const id = await upload(member, general.id, "bomb.png", bomb);
    const error = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [fine, id] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", message: '"bomb.png" is too large an image: at most 40 megapixels' });
    // Checked before any image was processed: the other one is untouched too.
    const [row] = await h.handle.db.select().from(attachments).where(eq(attachments.id, BigInt(fine)));
    expect(row!.placeholder).toBeNull();
  });

  it("takes an image processed by a send that failed as it is: not processed twice", async () => {
    const { owner, member, general } = await h.community("Retry");
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 60 });
    await member.caller.message.send({ channelId: general.id, content: "first" });
    const id = await upload(member, general.id, "again.jpg", await solid(500, 300).withExif({ IFD0: { Make: "Spycam" } }).jpeg().toBuffer());
    // Slowmode refuses the send in its commit, after the image was processed.
    await expect(member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    const key = keyOf(general.id, id);
    const processed = await stored(key);
    expect((await sharp(processed).metadata()).exif).toBeUndefined();

    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 0 });
    const [file] = (await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] })).attachments;
    expect(file).toMatchObject({ size: processed.length, width: 500, height: 300, placeholder: expect.stringMatching(/^data:image\/webp;/) });
    expect((await stored(key)).equals(processed)).toBe(true);
  });
});

describe("image work per process", () => {
  it("runs two images at a time, the others in the order they came", async () => {
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: Array<() => void> = [];
    const jobs = [0, 1, 2, 3, 4].map((n) =>
      inTurn(async () => {
        order.push(n);
        most = Math.max(most, ++running);
        await new Promise<void>((resolve) => gates.push(resolve));
        running--;
      }),
    );
    // Each finished job lets the next waiting one start; the gates open one by one.
    while (order.length < 5 || running > 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      gates.shift()?.();
    }
    await Promise.all(jobs);
    expect([most, order]).toEqual([2, [0, 1, 2, 3, 4]]);
  });
});

describe("thumbnails leave with their images", () => {
  const present = async (key: string) => Promise.all([key, ...thumbnailKeys(key)].map(async (each) => (await h.storage.stat(each)) !== null));

  it("deleting the message deletes the original and its thumbnails", async () => {
    const { owner, member, general } = await h.community("Delete images");
    const id = await upload(member, general.id, "gone.png", await solid(40, 40).png().toBuffer());
    const sent = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] });
    expect(await present(keyOf(general.id, id))).toEqual([true, true, true]);
    await owner.caller.message.delete({ messageId: sent.id });
    expect(await present(keyOf(general.id, id))).toEqual([false, false, false]);
  });

  it("the sweep deletes the thumbnails of an image whose message went without it", async () => {
    const { member, general } = await h.community("Sweep images");
    const id = await upload(member, general.id, "orphan.png", await solid(40, 40).png().toBuffer());
    const sent = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] });
    // As when the author's account goes: the foreign key only unattaches the file.
    await h.handle.db.delete(messages).where(eq(messages.id, BigInt(sent.id)));
    expect(await present(keyOf(general.id, id))).toEqual([true, true, true]);
    await sweepUnattached({ db: h.handle.db, storage: h.storage }, new Date(Date.now() + 61 * 60_000));
    expect(await present(keyOf(general.id, id))).toEqual([false, false, false]);
  });
});
