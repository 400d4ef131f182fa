import { Readable } from "node:stream";

import { attachments, eq } from "@chat/db";
import { Permission, everyoneDefaults } from "@chat/policy/permission-flags";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { TrackedEnvelope } from "@trpc/server";

import { type ChannelEvent, sweepUnattached, verifyUploadToken } from "../src";
import { authKey, createHarness, expectCode, type Harness, type TestUser } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ uploadMaxBytes: 64 * 1024 });
});
afterAll(() => h.close());

const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

/** Starts an upload as `user` and stores its bytes as the upload route would (that route has its own tests in apps/web). */
async function upload(user: TestUser, channelId: string, filename: string, bytes: Buffer | null, declared = bytes?.length ?? 10) {
  const { id } = await user.caller.attachment.createUpload({ channelId, filename, size: declared, contentType: "application/octet-stream" });
  if (bytes) await h.storage.write(keyOf(channelId, id), Readable.from([bytes]), { contentType: "application/octet-stream", maxBytes: declared });
  return id;
}

const keyOf = (channelId: string, id: string) => `attachments/${channelId}/${id}`;

describe("attachment.createUpload", () => {
  it("reserves an upload with a signed URL of this app bound to its id and size; 413 past the limit", async () => {
    const { member, general } = await h.community("Uploads");
    const created = await member.caller.attachment.createUpload({ channelId: general.id, filename: "notes.txt", size: 5, contentType: "text/plain" });
    expect(created.upload).toEqual({ url: expect.stringMatching(`^/api/uploads/${created.id}\\?token=`), method: "PUT", headers: { "content-type": "text/plain" } });
    const token = new URL(created.upload.url, "http://x").searchParams.get("token")!;
    expect(verifyUploadToken(authKey, token, created.id)).toMatchObject({ ok: true, claim: { attachmentId: created.id, size: 5 } });
    expect(verifyUploadToken(authKey, token, "123")).toEqual({ ok: false, reason: "other-upload" });
    expect(verifyUploadToken(authKey, `${token.slice(0, -2)}xx`, created.id)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyUploadToken(authKey, token, created.id, new Date(Date.now() + 16 * 60_000))).toEqual({ ok: false, reason: "expired" });

    const tooBig = member.caller.attachment.createUpload({ channelId: general.id, filename: "big.bin", size: 64 * 1024 + 1, contentType: "application/zip" });
    await expectCode(tooBig, "PAYLOAD_TOO_LARGE");
    await expectCode(member.caller.attachment.createUpload({ channelId: general.id, filename: "x", size: 0, contentType: "text/plain" }), "BAD_REQUEST");
    await expectCode(member.caller.attachment.createUpload({ channelId: general.id, filename: "x", size: 1, contentType: "text/html; x" }), "BAD_REQUEST");
  });

  it("keeps a safe file name: no path separators or control characters, at most 255 characters with the extension", async () => {
    const { member, general } = await h.community("Names");
    const named = async (filename: string) => {
      const id = await upload(member, general.id, filename, pdf);
      const [row] = await h.handle.db.select().from(attachments).where(eq(attachments.id, BigInt(id)));
      return row!.filename;
    };
    expect(await named("../../etc/passwd\u0000.txt")).toBe("_.._etc_passwd_.txt");
    expect(await named("C:\\Users\\me\\report.pdf")).toBe("C:_Users_me_report.pdf");
    const long = await named(`${"a".repeat(400)}.pdf`);
    expect(long).toHaveLength(255);
    expect(long.endsWith("a.pdf")).toBe(true);
    expect(await named("...")).toBe("file");
  });

  it("needs ATTACH_FILES: a member without it is refused, a stranger learns nothing; DM participants may", async () => {
    const { owner, member, server, general } = await h.community("No files");
    const stranger = await h.user("stranger");
    const input = { channelId: general.id, filename: "a.txt", size: 1, contentType: "text/plain" };
    await expectCode(stranger.caller.attachment.createUpload(input), "NOT_FOUND");
    await owner.caller.role.update({ serverId: server.id, roleId: server.id, permissions: String(everyoneDefaults & ~Permission.ATTACH_FILES) });
    await expectCode(member.caller.attachment.createUpload(input), "FORBIDDEN");
    await owner.caller.attachment.createUpload(input);

    await owner.caller.friend.request({ username: member.username });
    await member.caller.friend.accept({ userId: owner.id });
    const dm = await member.caller.dm.open({ userId: owner.id });
    await member.caller.attachment.createUpload({ ...input, channelId: dm.id });
  });
});

describe("message.send with attachments", () => {
  it("sniffs the type from the bytes, reads image sizes, and shows the files in every read of the message", async () => {
    const { owner, member, general } = await h.community("Files");
    const fake = await upload(member, general.id, "holiday.png", pdf);
    const image = await upload(member, general.id, "dot.png", png);
    const drawing = await upload(member, general.id, "draw.svg", svg);
    const sent = await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [fake, image, drawing] });
    expect(sent.content).toBe("");
    // The image was re-encoded at the send (attachment-images.test.ts): its size is the stored one.
    const { size: imageSize } = (await h.storage.stat(keyOf(general.id, image)))!;
    const placeholder = expect.stringMatching(/^data:image\/webp;base64,/);
    expect(sent.attachments).toEqual([
      { id: fake, filename: "holiday.png", size: pdf.length, contentType: "application/pdf", url: `/api/attachments/${fake}/holiday.png`, width: null, height: null, placeholder: null },
      { id: image, filename: "dot.png", size: imageSize, contentType: "image/png", url: `/api/attachments/${image}/dot.png`, width: 3, height: 2, placeholder },
      { id: drawing, filename: "draw.svg", size: svg.length, contentType: "application/octet-stream", url: `/api/attachments/${drawing}/draw.svg`, width: null, height: null, placeholder: null },
    ]);
    const [listed] = (await owner.caller.message.list({ channelId: general.id, limit: 1 })).items;
    expect(listed!.attachments).toEqual(sent.attachments);
    expect((await owner.caller.message.get({ messageId: sent.id })).attachments).toEqual(sent.attachments);

    const edited = await member.caller.message.edit({ messageId: sent.id, content: "now with words" });
    expect(edited.attachments).toEqual(sent.attachments);
    expect((await owner.caller.message.get({ messageId: sent.id })).attachments).toEqual(sent.attachments);
  });

  it("carries the files in the live events", async () => {
    const { owner, member, general } = await h.community("Live files");
    const id = await upload(member, general.id, "doc.pdf", pdf);
    let sent: Awaited<ReturnType<typeof member.caller.message.send>> | undefined;
    for await (const item of await owner.caller.message.onEvent({ channelId: general.id })) {
      // A server-side caller yields the envelope itself, not the {id, data} a client receives.
      const [, data] = item as unknown as TrackedEnvelope<ChannelEvent | { type: "ready" }>;
      if (data.type === "ready") sent = await member.caller.message.send({ channelId: general.id, content: "see", attachmentIds: [id] });
      else if (data.type === "created") {
        expect(data.message.attachments).toEqual(sent!.attachments);
        break;
      }
    }
    expect(sent!.attachments).toHaveLength(1);
  });

  it("refuses what is not the sender's unsent, stored upload in this channel, with clear errors", async () => {
    const { owner, member, server, general } = await h.community("Refusals");
    const other = await owner.caller.channel.create({ serverId: server.id, name: "other" });
    const send = (attachmentIds: string[], content = "") => member.caller.message.send({ channelId: general.id, content, attachmentIds });

    await expectCode(send([]), "BAD_REQUEST"); // no text, no files
    await expectCode(send([await upload(owner, general.id, "owners.pdf", pdf)]), "NOT_FOUND");
    await expectCode(send(["123456789"]), "NOT_FOUND");
    await expectCode(send([await upload(member, other.id, "elsewhere.pdf", pdf)]), "BAD_REQUEST");
    await expectCode(send([await upload(member, general.id, "missing.pdf", null)]), "CONFLICT");
    await expectCode(send([await upload(member, general.id, "short.pdf", pdf, pdf.length + 10)]), "CONFLICT");
    const once = await upload(member, general.id, "once.pdf", pdf);
    await expectCode(send([once, once]), "BAD_REQUEST");
    await send([once]);
    await expectCode(send([once]), "CONFLICT");
    const eleven = await Promise.all(Array.from({ length: 11 }, (_, i) => upload(member, general.id, `${i}.pdf`, pdf)));
    await expectCode(send(eleven), "BAD_REQUEST");
    expect((await send(eleven.slice(0, 10))).attachments).toHaveLength(10);
  });

  it("lets one of two racing sends take an upload; the other is refused and leaves no message", async () => {
    const { member, general } = await h.community("Race");
    const id = await upload(member, general.id, "race.pdf", pdf);
    const results = await Promise.allSettled([1, 2].map((n) => member.caller.message.send({ channelId: general.id, content: `try ${n}`, attachmentIds: [id] })));
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    const page = await member.caller.message.list({ channelId: general.id });
    expect(page.items.filter((message) => message.content.startsWith("try"))).toHaveLength(1);
  });
});

describe("files leave with their messages", () => {
  const stored = async (channelId: string, id: string) => (await h.storage.stat(keyOf(channelId, id))) !== null;
  const rowExists = async (id: string) => (await h.handle.db.select().from(attachments).where(eq(attachments.id, BigInt(id)))).length > 0;

  it("deleting a message deletes its files and their rows", async () => {
    const { owner, member, general } = await h.community("Deletes");
    const id = await upload(member, general.id, "gone.pdf", pdf);
    const sent = await member.caller.message.send({ channelId: general.id, content: "bye", attachmentIds: [id] });
    expect(await stored(general.id, id)).toBe(true);
    await owner.caller.message.delete({ messageId: sent.id });
    expect([await stored(general.id, id), await rowExists(id)]).toEqual([false, false]);
  });

  it("deleting a channel or a server deletes the files sent in it and uploads not sent yet", async () => {
    const { owner, server, general } = await h.community("Bulk");
    const ops = await owner.caller.channel.create({ serverId: server.id, name: "ops" });
    const inOps = await upload(owner, ops.id, "ops.pdf", pdf);
    await owner.caller.message.send({ channelId: ops.id, content: "", attachmentIds: [inOps] });
    const pending = await upload(owner, ops.id, "pending.pdf", pdf);
    await owner.caller.channel.delete({ channelId: ops.id });
    expect([await stored(ops.id, inOps), await stored(ops.id, pending), await rowExists(inOps), await rowExists(pending)]).toEqual([false, false, false, false]);

    const inGeneral = await upload(owner, general.id, "general.pdf", pdf);
    await owner.caller.message.send({ channelId: general.id, content: "", attachmentIds: [inGeneral] });
    await owner.caller.server.delete({ serverId: server.id });
    expect([await stored(general.id, inGeneral), await rowExists(inGeneral)]).toEqual([false, false]);
  });

  it("the sweep removes uploads unattached for over an hour, and nothing sent", async () => {
    const { member, general } = await h.community("Sweep");
    const sentId = await upload(member, general.id, "kept.pdf", pdf);
    await member.caller.message.send({ channelId: general.id, content: "", attachmentIds: [sentId] });
    const abandoned = await upload(member, general.id, "abandoned.pdf", pdf);
    const services = { db: h.handle.db, storage: h.storage };
    await sweepUnattached(services, new Date(Date.now() + 30 * 60_000));
    expect(await stored(general.id, abandoned)).toBe(true);
    expect(await sweepUnattached(services, new Date(Date.now() + 61 * 60_000))).toBeGreaterThanOrEqual(1);
    expect([await stored(general.id, abandoned), await rowExists(abandoned)]).toEqual([false, false]);
    expect([await stored(general.id, sentId), await rowExists(sentId)]).toEqual([true, true]);
  });
});

describe("search and files", () => {
  it("finds messages by their files' names, and filters with has:file, has:image and has:link", async () => {
    const { owner, member, server, general } = await h.community("Find files");
    const report = await upload(member, general.id, "Q3_budget-report.pdf", pdf);
    await member.caller.message.send({ channelId: general.id, content: "numbers", attachmentIds: [report] });
    const photo = await upload(member, general.id, "beach.png", png);
    await member.caller.message.send({ channelId: general.id, content: "holiday photo", attachmentIds: [photo] });
    await member.caller.message.send({ channelId: general.id, content: "budget at https://example.com/q3" });
    await member.caller.message.send({ channelId: general.id, content: "plain budget talk" });

    const search = async (query: string) => (await owner.caller.message.search({ serverId: server.id, query })).items.map((hit) => hit.content);
    expect(await search("report")).toEqual(["numbers"]);
    expect(await search("budget")).toEqual(["plain budget talk", "budget at https://example.com/q3", "numbers"]);
    expect(await search("has:file")).toEqual(["holiday photo", "numbers"]);
    expect(await search("has:image")).toEqual(["holiday photo"]);
    expect(await search("budget has:link")).toEqual(["budget at https://example.com/q3"]);
    expect(await search("budget has:file")).toEqual(["numbers"]);
    const [hit] = (await owner.caller.message.search({ serverId: server.id, query: "beach" })).items;
    expect(hit!.attachments).toMatchObject([{ id: photo, filename: "beach.png", contentType: "image/png", width: 3, height: 2 }]);
  });
});
