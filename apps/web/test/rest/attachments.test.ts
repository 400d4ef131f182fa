/**
 * Attachments over real HTTP, as a client does it: POST /channels/{id}/attachments, PUT the bytes
 * to the URL it answers (this app's upload route on the disk backend), post the message, GET the
 * file (the download route), then delete the message.
 */
import { randomBytes } from "node:crypto";

import sharp from "sharp";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { type TestUser, expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
const baseUrl = inject("baseUrl");
let channelId: string;

beforeAll(async () => {
  const server = await createServer("Files");
  channelId = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.owner.token })).body[0].id;
});

/** A 1×1 PNG. */
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>');

async function createUpload(user: TestUser, filename: string, size: number, contentType = "application/octet-stream") {
  const response = await rest("POST", `/channels/${channelId}/attachments`, { token: user.token, body: { filename, size, contentType } });
  expect(response.status).toBe(200);
  return response.body as { id: string; upload: { url: string; method: "PUT"; headers: Record<string, string> } };
}

const put = (url: string, bytes: Buffer, headers: Record<string, string> = {}) =>
  fetch(`${baseUrl}${url}`, { method: "PUT", headers, body: new Uint8Array(bytes) }).then(async (response) => ({ status: response.status, body: await response.json() }));

async function uploaded(user: TestUser, filename: string, bytes: Buffer) {
  const { id, upload } = await createUpload(user, filename, bytes.length);
  expect((await put(upload.url, bytes, upload.headers)).status).toBe(200);
  return id;
}

async function send(user: TestUser, attachmentIds: string[], content = "") {
  const response = await rest("POST", `/channels/${channelId}/messages`, { token: user.token, body: { content, attachmentIds } });
  expect(response.status).toBe(200);
  return response.body;
}

const download = (url: string, headers: Record<string, string> = {}) => fetch(`${baseUrl}${url}`, { headers, redirect: "manual" });

describe("PUT /api/uploads/{id}", () => {
  it("stores the declared bytes once; refuses a bad token (401), another upload's (403), too many bytes (413), a second PUT (409)", async () => {
    const first = await createUpload(cast.member, "a.png", png.length, "image/png");
    const second = await createUpload(cast.member, "b.png", png.length, "image/png");
    const tokenOf = (url: string) => new URL(url, baseUrl).searchParams.get("token")!;

    const noToken = await put(`/api/uploads/${first.id}`, png);
    expect([noToken.status, noToken.body.code]).toEqual([401, "UNAUTHORIZED"]);
    const forged = await put(`/api/uploads/${first.id}?token=${tokenOf(first.upload.url).slice(0, -3)}abc`, png);
    expect([forged.status, forged.body.code]).toEqual([401, "UNAUTHORIZED"]);
    const swapped = await put(`/api/uploads/${second.id}?token=${tokenOf(first.upload.url)}`, png);
    expect([swapped.status, swapped.body.code]).toEqual([403, "FORBIDDEN"]);
    const unknown = await put(`/api/uploads/abc?token=x`, png);
    expect([unknown.status, unknown.body.code]).toEqual([404, "NOT_FOUND"]);
    const tooMuch = await put(first.upload.url, Buffer.concat([png, Buffer.from("extra")]));
    expect([tooMuch.status, tooMuch.body.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);

    expect(await put(first.upload.url, png, first.upload.headers)).toEqual({ status: 200, body: { id: first.id, size: png.length } });
    const again = await put(first.upload.url, png);
    expect([again.status, again.body.code]).toEqual([409, "CONFLICT"]);
  });

  it("takes a file larger than the 1 MiB other bodies are held to, and gives the same bytes back", async () => {
    // Text first: random bytes might begin like a known format, and the sniffed type would vary.
    const bytes = Buffer.concat([Buffer.from("plain noise\n"), randomBytes(3 * 1024 * 1024)]);
    const id = await uploaded(cast.member, "noise.bin", bytes);
    const message = await send(cast.member, [id]);
    expect(message.attachments[0]).toMatchObject({ size: bytes.length, contentType: "application/octet-stream" });
    const file = await download(message.attachments[0].url, { authorization: `Bearer ${cast.member.token}` });
    expect(file.headers.get("content-disposition")).toMatch(/^attachment; filename="noise.bin"/);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("POST /channels/{id}/attachments: 413 past the size limit, 404 to an outsider", async () => {
    const path = `/channels/${channelId}/attachments`;
    const body = { filename: "huge.zip", size: 26214401, contentType: "application/zip" };
    expectError(await rest("POST", path, { token: cast.member.token, body }), 413, "PAYLOAD_TOO_LARGE");
    expectError(await rest("POST", path, { token: cast.outsider.token, body: { ...body, size: 1 } }), 404, "NOT_FOUND");
  });
});

describe("GET /api/attachments/{id}/{filename}", () => {
  it("serves a sent image inline to members, with safe headers; outsiders get 404, the anonymous 401, and 404 once deleted", async () => {
    const id = await uploaded(cast.member, "dot.png", png);
    const message = await send(cast.member, [id]);
    // Re-encoded at the send: the size is the stored file's.
    const { size } = message.attachments[0];
    expect(message.attachments).toEqual([
      {
        id,
        filename: "dot.png",
        size,
        contentType: "image/png",
        url: `/api/attachments/${id}/dot.png`,
        width: 1,
        height: 1,
        placeholder: expect.stringMatching(/^data:image\/webp;base64,/),
      },
    ]);
    const listed = await rest("GET", `/channels/${channelId}/messages?limit=1`, { token: cast.owner.token });
    expect(listed.body.items[0].attachments).toEqual(message.attachments);

    const url = message.attachments[0].url as string;
    const file = await download(url, { authorization: `Bearer ${cast.owner.token}` });
    expect(file.status).toBe(200);
    expect(Object.fromEntries(["content-type", "content-disposition", "x-content-type-options", "cache-control", "content-security-policy"].map((name) => [name, file.headers.get(name)]))).toEqual({
      "content-type": "image/png",
      "content-disposition": expect.stringMatching(/^inline; filename="dot.png"/),
      "x-content-type-options": "nosniff",
      "cache-control": expect.stringMatching(/^private/),
      "content-security-policy": "sandbox; default-src 'none'",
    });
    const served = Buffer.from(await file.arrayBuffer());
    expect(served.length).toBe(size);
    expect(await sharp(served).metadata()).toMatchObject({ format: "png", width: 1, height: 1 });
    // The session cookie works as well as a bearer token; ?download=1 makes it a download.
    const forced = await download(`${url}?download=1`, { cookie: `chat_session=${cast.member.token}` });
    expect([forced.status, forced.headers.get("content-disposition")]).toEqual([200, expect.stringMatching(/^attachment; filename="dot.png"/)]);

    expect((await download(url, { authorization: `Bearer ${cast.outsider.token}` })).status).toBe(404);
    expect((await download(url)).status).toBe(401);
    expect((await rest("DELETE", `/messages/${message.id}`, { token: cast.member.token })).status).toBe(200);
    const gone = await download(url, { authorization: `Bearer ${cast.owner.token}` });
    expect([gone.status, (await gone.json()).code]).toEqual([404, "NOT_FOUND"]);
  });

  it("serves an SVG, whatever its name says, as an octet-stream download", async () => {
    const id = await uploaded(cast.member, "logo.svg", svg);
    const message = await send(cast.member, [id], "our logo");
    expect(message.attachments[0].contentType).toBe("application/octet-stream");
    const file = await download(message.attachments[0].url, { authorization: `Bearer ${cast.member.token}` });
    expect([file.status, file.headers.get("content-type"), file.headers.get("content-disposition")]).toEqual([
      200,
      "application/octet-stream",
      expect.stringMatching(/^attachment; filename="logo.svg"/),
    ]);
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a send naming another's upload (404) or one without its bytes (409)", async () => {
    const owners = await uploaded(cast.owner, "owner.png", png);
    const path = `/channels/${channelId}/messages`;
    expectError(await rest("POST", path, { token: cast.member.token, body: { content: "", attachmentIds: [owners] } }), 404, "NOT_FOUND");
    const { id } = await createUpload(cast.member, "later.png", png.length);
    expectError(await rest("POST", path, { token: cast.member.token, body: { content: "x", attachmentIds: [id] } }), 409, "CONFLICT");
    expectError(await rest("POST", path, { token: cast.member.token, body: { content: "" } }), 400, "BAD_REQUEST");
  });
});

describe("processed images over HTTP", () => {
  // The admin uploads here: the member's uploads of the tests above are near their rate limit.
  const bearer = () => ({ authorization: `Bearer ${cast.admin.token}` });

  it("serves the original without its EXIF (GPS, camera), and WebP thumbnails at ?size=400 and ?size=1600", async () => {
    const photo = await sharp({ create: { width: 1000, height: 500, channels: 3, background: "#48c" } })
      .withExif({ IFD0: { Make: "Spycam" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2400/100" } })
      .jpeg()
      .toBuffer();
    expect(photo.toString("latin1")).toContain("Spycam");
    const message = await send(cast.admin, [await uploaded(cast.admin, "trip.jpg", photo)]);
    const [file] = message.attachments;
    expect(file).toMatchObject({ contentType: "image/jpeg", width: 1000, height: 500, placeholder: expect.stringMatching(/^data:image\/webp;base64,/) });

    const original = await download(file.url, bearer());
    const bytes = Buffer.from(await original.arrayBuffer());
    expect([original.status, original.headers.get("content-type"), bytes.length]).toEqual([200, "image/jpeg", file.size]);
    expect(bytes.toString("latin1")).not.toContain("Spycam");
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();

    for (const [side, width, height] of [
      [400, 400, 200],
      [1600, 1000, 500],
    ]) {
      const thumbnail = await download(`${file.url}?size=${side}`, bearer());
      expect([thumbnail.status, thumbnail.headers.get("content-type"), thumbnail.headers.get("content-disposition")]).toEqual([
        200,
        "image/webp",
        expect.stringMatching(`^inline; filename="trip.${side}.webp"`),
      ]);
      expect(thumbnail.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
      expect(await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width, height });
    }
    const odd = await download(`${file.url}?size=800`, bearer());
    expect([odd.status, (await odd.json()).code]).toEqual([400, "BAD_REQUEST"]);
    expect((await download(`${file.url}?size=400`)).status).toBe(401);
  });

  it("serves a file without thumbnails itself at ?size=, and refuses an image bomb naming it (400)", async () => {
    const id = await uploaded(cast.admin, "notes.txt", Buffer.from("just words\n"));
    const [file] = (await send(cast.admin, [id])).attachments;
    expect(file.placeholder).toBeNull();
    const served = await download(`${file.url}?size=400`, bearer());
    expect([served.status, await served.text()]).toEqual([200, "just words\n"]);

    // A PNG header claiming 9000×9000 pixels: refused from the header, never decoded.
    const header = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAIygAACMoCAAAAABIvi1m", "base64");
    const bomb = await uploaded(cast.admin, "bomb.png", Buffer.concat([header, Buffer.alloc(64)]));
    const refused = await rest("POST", `/channels/${channelId}/messages`, { token: cast.admin.token, body: { content: "", attachmentIds: [bomb] } });
    expectError(refused, 400, "BAD_REQUEST");
    expect(refused.body.message).toContain('"bomb.png"');
  });
});
