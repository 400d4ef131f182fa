/** Avatars and server icons over HTTP (issue 18): raw image bodies through their route handlers, the DTOs' URLs, the files served. */
import sharp from "sharp";
import { describe, expect, inject, it } from "vitest";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
const baseUrl = inject("baseUrl");

const photo = () => sharp({ create: { width: 300, height: 200, channels: 3, background: "#cc3366" } }).jpeg().toBuffer();

async function put(path: string, body: Uint8Array, token?: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, {
    method: "PUT",
    headers: { ...(token && { authorization: `Bearer ${token}` }), "content-type": "application/octet-stream", ...headers },
    body: new Uint8Array(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const get = (path: string, token?: string) => fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe("PUT /api/avatars/me", () => {
  it("stores four sizes, names the 128 one in every DTO, and replaces or removes it", async () => {
    const { owner, member } = cast;
    const server = await createServer("Faces");
    const uploaded = await put("/api/avatars/me", await photo(), member.token);
    expect(uploaded.status).toBe(200);
    const avatarUrl: string = uploaded.body.avatarUrl;
    expect(avatarUrl).toMatch(new RegExp(`^/api/avatars/${member.id}/[0-9a-f]{16}/128$`));

    const served = await get(avatarUrl, owner.token);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/webp");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 128, height: 128 });
    const small = await get(avatarUrl.replace(/128$/, "32"), owner.token);
    expect(await sharp(Buffer.from(await small.arrayBuffer())).metadata()).toMatchObject({ width: 32, height: 32 });
    expect((await get(avatarUrl.replace(/128$/, "100"), owner.token)).status).toBe(404);
    expect((await get(avatarUrl)).status).toBe(401);

    const members = (await rest("GET", `/servers/${server.id}/members`, { token: owner.token })).body as Array<{ userId: string; avatarUrl: string | null }>;
    expect(members.find((row) => row.userId === member.id)?.avatarUrl).toBe(avatarUrl);
    expect(members.find((row) => row.userId === owner.id)?.avatarUrl).toBeNull();
    expect((await rest("GET", "/auth/me", { token: member.token })).body).toMatchObject({ id: member.id, avatarUrl });
    expect((await rest("GET", `/users/${member.id}/profile`, { token: owner.token })).body).toMatchObject({ avatarUrl });

    // A new picture is a new version; the old one's files are gone.
    const replaced = await put("/api/avatars/me", await photo(), member.token);
    expect(replaced.body.avatarUrl).not.toBe(avatarUrl);
    expect((await get(avatarUrl, owner.token)).status).toBe(404);

    expect(await rest("DELETE", "/users/me/avatar", { token: member.token })).toMatchObject({ status: 200, body: { ok: true } });
    expect((await get(replaced.body.avatarUrl, owner.token)).status).toBe(404);
    expect((await rest("GET", "/auth/me", { token: member.token })).body.avatarUrl).toBeNull();
  });

  it("refuses what is not an image (400), too large (413), and anyone signed out (401)", async () => {
    const { member } = cast;
    expectError(await put("/api/avatars/me", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'/>"), member.token), 400, "BAD_REQUEST");
    expectError(await put("/api/avatars/me", Buffer.from("%PDF-1.7\n"), member.token), 400, "BAD_REQUEST");
    expectError(await put("/api/avatars/me", new Uint8Array(0), member.token), 400, "BAD_REQUEST");
    const jpeg = await photo();
    expectError(await put("/api/avatars/me", jpeg.subarray(0, jpeg.length / 2), member.token), 400, "BAD_REQUEST");
    expectError(await put("/api/avatars/me", new Uint8Array(8 * 1024 * 1024 + 1), member.token), 413, "PAYLOAD_TOO_LARGE");
    // A 49-megapixel PNG compresses to little: refused from its header, before it is decoded.
    const huge = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: "#000" } }).png().toBuffer();
    expectError(await put("/api/avatars/me", huge, member.token), 413, "PAYLOAD_TOO_LARGE");
    expectError(await put("/api/avatars/me", await photo()), 401, "UNAUTHORIZED");
    expectError(await put("/api/avatars/me", new Uint8Array(4 * 1024 * 1024)), 401, "UNAUTHORIZED");
    expectError(await put("/api/avatars/me", await photo(), "not-a-token"), 401, "UNAUTHORIZED");
  });

  it("cuts off a body without a Content-Length once it passes 8 MiB", async () => {
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 12) return controller.close();
        sent++;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const init = { method: "PUT", headers: { authorization: `Bearer ${cast.member.token}` }, body, duplex: "half" };
    const response = await fetch(`${baseUrl}/api/avatars/me`, init as RequestInit);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("refuses a cookie-borne upload from another site", async () => {
    const { member } = cast;
    const response = await put("/api/avatars/me", await photo(), undefined, { cookie: `chat_session=${member.token}`, origin: "https://evil.example" });
    expectError(response, 403, "FORBIDDEN");
  });
});

describe("PUT /api/servers/{serverId}/icon", () => {
  it("lets those who manage the server set and remove its icon, which the server DTO names", async () => {
    const { owner, admin, member, outsider } = cast;
    const server = await createServer("Iconic");
    const set = await put(`/api/servers/${server.id}/icon`, await photo(), admin.token);
    expect(set.status).toBe(200);
    expect(set.body.iconUrl).toMatch(new RegExp(`^/api/icons/${server.id}/[0-9a-f]{16}/128$`));
    expect((await rest("GET", `/servers/${server.id}`, { token: member.token })).body.iconUrl).toBe(set.body.iconUrl);
    const listed = (await rest("GET", "/servers", { token: owner.token })).body as Array<{ id: string; iconUrl: string | null }>;
    expect(listed.find((row) => row.id === server.id)?.iconUrl).toBe(set.body.iconUrl);
    const served = await get(set.body.iconUrl, member.token);
    expect(await sharp(Buffer.from(await served.arrayBuffer())).metadata()).toMatchObject({ format: "webp", width: 128, height: 128 });

    expectError(await put(`/api/servers/${server.id}/icon`, await photo(), member.token), 403, "FORBIDDEN");
    expectError(await put(`/api/servers/${server.id}/icon`, await photo(), outsider.token), 404, "NOT_FOUND");
    expectError(await put("/api/servers/nonsense/icon", await photo(), owner.token), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `/servers/${server.id}/icon`, { token: member.token }), 403, "FORBIDDEN");
    expect(await rest("DELETE", `/servers/${server.id}/icon`, { token: owner.token })).toMatchObject({ status: 200, body: { ok: true } });
    expect((await rest("GET", `/servers/${server.id}`, { token: member.token })).body.iconUrl).toBeNull();
    expect((await get(set.body.iconUrl, member.token)).status).toBe(404);
  });
});
