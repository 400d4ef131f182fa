/**
 * Attachments through the S3 backend, against a real S3-compatible server (s3rver, on loopback,
 * which checks SigV4 signatures): the client PUTs to the presigned URL itself, and the send reads
 * the object back to sniff it and process the image (re-encoded in place, thumbnails beside it).
 */
import { createS3Storage } from "@chat/storage";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { startS3Server } from "../../storage/test/support/s3-server";
import { createHarness, type Harness } from "./harness";

let h: Harness;
let s3: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  s3 = await startS3Server("chat-attachments");
  h = await createHarness({ storage: createS3Storage(s3.config) });
});
afterAll(async () => {
  await h.close();
  await s3.stop();
});

const png = PNG.sync.write(new PNG({ width: 4, height: 5 }));

describe("attachments on S3", () => {
  it("uploads to the presigned URL, sniffs and processes the stored object at the send, and deletes it and its thumbnails with the message", async () => {
    const { owner, member, general } = await h.community("S3 files");
    const { id, upload } = await member.caller.attachment.createUpload({ channelId: general.id, filename: "pic.png", size: png.length, contentType: "image/png" });
    expect(upload.url.startsWith(`${s3.endpoint}/chat-attachments/attachments/${general.id}/${id}?`)).toBe(true);
    const put = await fetch(upload.url, { method: "PUT", headers: upload.headers, body: new Uint8Array(png) });
    expect(put.status).toBe(200);

    const sent = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [id] });
    expect(sent.attachments).toMatchObject([{ id, contentType: "image/png", width: 4, height: 5, placeholder: expect.stringMatching(/^data:image\/webp;/) }]);
    const key = `attachments/${general.id}/${id}`;
    const keys = [key, `${key}.400.webp`, `${key}.1600.webp`];
    expect(await h.storage.stat(key)).toEqual({ size: sent.attachments[0]!.size });
    expect(await Promise.all(keys.map((stored) => h.storage.stat(stored).then(Boolean)))).toEqual([true, true, true]);
    await owner.caller.message.delete({ messageId: sent.id });
    expect(await Promise.all(keys.map((stored) => h.storage.stat(stored)))).toEqual([null, null, null]);
  });
});
