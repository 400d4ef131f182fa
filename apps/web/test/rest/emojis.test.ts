/**
 * Custom emoji over real HTTP, as a REST client does it: PUT the image to
 * /api/servers/{id}/emojis?name=…, list them on /api/v1, GET the image, rename and delete.
 */
import { beforeAll, describe, expect, inject, it } from "vitest";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
const baseUrl = inject("baseUrl");
let serverId: string;

beforeAll(async () => {
  serverId = (await createServer("Emoji")).id;
});

/** A 1×1 PNG. */
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const put = (name: string, bytes: Buffer, token: string) =>
  fetch(`${baseUrl}/api/servers/${serverId}/emojis?name=${name}`, { method: "PUT", headers: bearer(token), body: new Uint8Array(bytes) }).then(
    async (response) => ({ status: response.status, body: await response.json() }),
  );

describe("custom emoji over HTTP", () => {
  it("uploads, lists, serves the image for a year, renames and deletes", async () => {
    const created = await put("blob", png, cast.admin.token);
    expect(created).toEqual({ status: 201, body: { id: expect.any(String), name: "blob", animated: false, url: expect.stringMatching(/^\/api\/emojis\/\d+$/) } });
    const emoji = created.body as { id: string; url: string };

    const listed = await rest("GET", `/servers/${serverId}/emojis`, { token: cast.member.token });
    expect([listed.status, listed.body]).toEqual([200, [created.body]]);

    // Any signed-in user sees the image; nobody else.
    const image = await fetch(`${baseUrl}${emoji.url}`, { headers: bearer(cast.outsider.token) });
    expect(image.status).toBe(200);
    expect(image.headers.get("content-type")).toBe("image/png");
    expect(image.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(image.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expect((await fetch(`${baseUrl}${emoji.url}`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/api/emojis/123`, { headers: bearer(cast.member.token) })).status).toBe(404);

    const renamed = await rest("PATCH", `/servers/${serverId}/emojis/${emoji.id}`, { token: cast.owner.token, body: { name: "blobby" } });
    expect([renamed.status, renamed.body]).toEqual([200, { ...created.body, name: "blobby" }]);
    expectError(await rest("PATCH", `/servers/${serverId}/emojis/${emoji.id}`, { token: cast.member.token, body: { name: "mine" } }), 403, "FORBIDDEN");

    const deleted = await rest("DELETE", `/servers/${serverId}/emojis/${emoji.id}`, { token: cast.owner.token });
    expect([deleted.status, deleted.body]).toEqual([200, { ok: true }]);
    expect((await fetch(`${baseUrl}${emoji.url}`, { headers: bearer(cast.member.token) })).status).toBe(404);
  });

  it("refuses a body past 256 KiB (413), a member without MANAGE_SERVER (403), a taken name (409), a non-image (400)", async () => {
    const big = Buffer.concat([png, Buffer.alloc(256 * 1024)]);
    const tooBig = await put("big", big, cast.owner.token);
    expect([tooBig.status, tooBig.body.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const forbidden = await put("mine", png, cast.member.token);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, "FORBIDDEN"]);
    const outsider = await put("mine", png, cast.outsider.token);
    expect([outsider.status, outsider.body.code]).toEqual([404, "NOT_FOUND"]);
    expect((await put("Taken", png, cast.owner.token)).status).toBe(201);
    const taken = await put("taken", png, cast.owner.token);
    expect([taken.status, taken.body.code]).toEqual([409, "CONFLICT"]);
    const text = await put("text", Buffer.from("just text"), cast.owner.token);
    expect([text.status, text.body.code]).toEqual([400, "BAD_REQUEST"]);
    const anonymous = await fetch(`${baseUrl}/api/servers/${serverId}/emojis?name=anon`, { method: "PUT", body: new Uint8Array(png) });
    expect(anonymous.status).toBe(401);
  });
});
