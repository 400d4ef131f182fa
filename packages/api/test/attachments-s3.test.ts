/**
 * Attachments through the S3 backend, against a real S3-compatible server (s3rver, on loopback,
 * which checks SigV4 signatures): the client PUTs to the presigned URL itself, and the send reads
 * the object back to sniff it and process the image (re-encoded in place, thumbnails beside it).
 * Link previews' images are copied there too.
 */
import { createS3Storage } from "@chat/storage";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type LinkPreviews, createLinkPreviews, createSafeFetch } from "../src";
import { startS3Server } from "../../storage/test/support/s3-server";
import { createHarness, type Harness } from "./harness";
import { type PageServer, htmlPage, startPageServer } from "./page-server";

let h: Harness;
let s3: Awaited<ReturnType<typeof startS3Server>>;
let site: PageServer;
let previews: LinkPreviews;
beforeAll(async () => {
  s3 = await startS3Server("chat-attachments");
  site = await startPageServer();
  const storage = createS3Storage(s3.config);
  previews = createLinkPreviews({ fetcher: createSafeFetch({ allowHosts: [site.host] }), storage, log: { warn: () => undefined } });
  h = await createHarness({ storage, linkPreviews: previews });
});
afterAll(async () => {
  await previews.close();
  await h.close();
  await site.close();
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

describe("link preview images on S3", () => {
  it("copies the card's image into the bucket, served by a presigned GET as its sniffed type, and removes it with the previews", async () => {
    site.pages.set("/pic.png", (_req, res) => res.writeHead(200, { "content-type": "application/octet-stream" }).end(png));
    site.pages.set("/page", htmlPage('<meta property="og:title" content="Pictured"><meta property="og:image" content="/pic.png">'));
    const { owner, general } = await h.community("S3 previews");
    const sent = await owner.caller.message.send({ channelId: general.id, content: `${site.origin}/page` });
    await previews.idle();
    const [embed] = (await owner.caller.message.get({ messageId: sent.id })).embeds;
    expect(embed).toMatchObject({ imageUrl: expect.stringMatching(/^\/api\/embeds\//), imageWidth: 4, imageHeight: 5 });
    const key = embed!.imageUrl!.replace("/api/embeds/", "embeds/");
    expect(await h.storage.stat(key)).toEqual({ size: png.length });
    const url = await h.storage.presignDownload(key, { filename: "preview", contentType: "image/png", inline: true, expiresInSeconds: 60 });
    const served = await fetch(url!);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(png);
    await owner.caller.message.removeEmbeds({ messageId: sent.id });
    expect(await h.storage.stat(key)).toBeNull();
  });
});
