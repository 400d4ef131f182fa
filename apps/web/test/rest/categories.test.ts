/** Categories and channel order over REST: the routes, their statuses, and what `GET /servers/{id}/channels` adds. */
import { describe, expect, it } from "vitest";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();

describe("/servers/{id}/categories and /channels/{id}/position", () => {
  it("creates, renames, moves and deletes categories; moves channels into them; members read the order", async () => {
    const server = await createServer();
    const categories = `/servers/${server.id}/categories`;
    const text = await rest("POST", categories, { token: cast.owner.token, body: { name: "Text" } });
    expect(text).toMatchObject({ status: 200, body: { name: "Text", position: 0, serverId: server.id } });
    const voice = await rest("POST", categories, { token: cast.admin.token, body: { name: "Voice" } });
    expect(voice.body.position).toBe(1);
    expect(await rest("PUT", `/categories/${voice.body.id}`, { token: cast.owner.token, body: { name: "Stage" } })).toMatchObject({ status: 200, body: { name: "Stage" } });
    const moved = await rest("PUT", `/categories/${voice.body.id}/position`, { token: cast.owner.token, body: { position: 0 } });
    expect(moved.body.map((c: { name: string }) => c.name)).toEqual(["Stage", "Text"]);

    const created = await rest("POST", `/servers/${server.id}/channels`, { token: cast.owner.token, body: { name: "news", categoryId: text.body.id } });
    expect(created.body).toMatchObject({ categoryId: text.body.id, position: 0 });
    const [general] = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.member.token })).body;
    expect(general).toMatchObject({ name: "general", categoryId: null, position: 0, unreadCount: 0 });
    const into = await rest("PUT", `/channels/${general.id}/position`, { token: cast.owner.token, body: { categoryId: text.body.id, position: 0 } });
    expect(into).toMatchObject({ status: 200, body: { id: general.id, categoryId: text.body.id, position: 0 } });
    const listed = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.member.token })).body;
    expect(listed.map((c: { name: string; position: number }) => [c.name, c.position])).toEqual([["general", 0], ["news", 1]]);
    // A member sees the categories holding a channel they can see (the empty Stage is hidden); an admin sees both.
    expect((await rest("GET", categories, { token: cast.member.token })).body.map((c: { name: string }) => c.name)).toEqual(["Text"]);
    expect((await rest("GET", categories, { token: cast.admin.token })).body).toHaveLength(2);

    expect(await rest("DELETE", `/categories/${text.body.id}`, { token: cast.owner.token })).toMatchObject({ status: 200, body: { ok: true } });
    const after = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.owner.token })).body;
    expect(after.map((c: { name: string; categoryId: string | null }) => [c.name, c.categoryId])).toEqual([["general", null], ["news", null]]);
  });

  it("answers 403 without MANAGE_CHANNELS, 400 for bad places, 404 for another server's category", async () => {
    const server = await createServer();
    const categories = `/servers/${server.id}/categories`;
    expectError(await rest("POST", categories, { token: cast.member.token, body: { name: "Mine" } }), 403, "FORBIDDEN");
    const [general] = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.owner.token })).body;
    const position = `/channels/${general.id}/position`;
    expectError(await rest("PUT", position, { token: cast.member.token, body: { categoryId: null, position: 0 } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", position, { token: cast.owner.token, body: { categoryId: null, position: -1 } }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", position, { token: cast.owner.token, body: { position: 0 } }), 400, "BAD_REQUEST");
    const foreign = await rest("POST", `/servers/${(await createServer()).id}/categories`, { token: cast.owner.token, body: { name: "Elsewhere" } });
    expectError(await rest("PUT", position, { token: cast.owner.token, body: { categoryId: foreign.body.id, position: 0 } }), 404, "NOT_FOUND");
    expectError(await rest("GET", categories, { token: cast.outsider.token }), 404, "NOT_FOUND");
  });
});
