/** Profiles, nicknames, friends, blocks, DMs and groups over REST (issue 17): the routes, their statuses, and odd input (never a 500). */
import { describe, expect, it } from "vitest";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();

describe("/users/me/profile and /users/{id}/profile", () => {
  it("edits your profile; a friend reads it; a stranger gets 404", async () => {
    const { owner, member, outsider } = cast;
    const edited = await rest("PATCH", "/users/me/profile", { token: owner.token, body: { displayName: "The Owner", pronouns: "they/them" } });
    expect(edited).toMatchObject({ status: 200, body: { id: owner.id, displayName: "The Owner", pronouns: "they/them", about: "" } });
    expectError(await rest("GET", `/users/${owner.id}/profile`, { token: outsider.token }), 404, "NOT_FOUND");

    await rest("POST", "/users/me/friends", { token: member.token, body: { username: owner.username } });
    await rest("PUT", `/users/me/friends/${member.id}`, { token: owner.token });
    const seen = await rest("GET", `/users/${owner.id}/profile`, { token: member.token });
    expect(seen).toMatchObject({ status: 200, body: { displayName: "The Owner", relationship: "friend" } });
    expect(await rest("DELETE", `/users/me/friends/${owner.id}`, { token: member.token })).toMatchObject({ status: 200, body: { ok: true } });
  });
});

describe("PUT /servers/{id}/members/{userId}/nickname", () => {
  it("sets and clears a nickname that members and messages then carry; 400, 403 and 404 where they apply", async () => {
    const { owner, admin, member, outsider } = cast;
    const server = await createServer("Names");
    const route = (userId: string) => `/servers/${server.id}/members/${userId}/nickname`;
    const own = await rest("PUT", route(member.id), { token: member.token, body: { nickname: "Memo" } });
    expect(own).toMatchObject({ status: 200, body: { userId: member.id, nickname: "Memo", displayName: null } });
    const channels = (await rest("GET", `/servers/${server.id}/channels`, { token: member.token })).body as { id: string }[];
    const sent = await rest("POST", `/channels/${channels[0]!.id}/messages`, { token: member.token, body: { content: "named" } });
    expect(sent.body).toMatchObject({ author: { id: member.id, username: member.username, displayName: null, nickname: "Memo" } });

    expect(await rest("PUT", route(member.id), { token: admin.token, body: { nickname: null } })).toMatchObject({ status: 200, body: { nickname: null } });
    expectError(await rest("PUT", route(owner.id), { token: admin.token, body: { nickname: "Boss" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", route(admin.id), { token: member.token, body: { nickname: "Hey" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", route(member.id), { token: outsider.token, body: { nickname: "Hey" } }), 404, "NOT_FOUND");
    for (const body of [{}, { nickname: "" }, { nickname: "x".repeat(33) }, { nickname: 7 }, null]) {
      expectError(await rest("PUT", route(member.id), { token: member.token, body }), 400, "BAD_REQUEST");
    }
  });
});

describe("/users/me/friends and /users/me/blocks", () => {
  it("requests, declines, cancels and blocks, with 404 and 409 where they apply", async () => {
    const { admin, member } = cast;
    const sent = await rest("POST", "/users/me/friends", { token: admin.token, body: { username: member.username } });
    expect(sent).toMatchObject({ status: 200, body: { kind: "outgoing", user: { id: member.id } } });
    expectError(await rest("POST", "/users/me/friends", { token: admin.token, body: { username: member.username } }), 409, "CONFLICT");
    const pending = await rest("GET", "/users/me/friends", { token: member.token });
    expect(pending.body).toEqual([expect.objectContaining({ kind: "incoming", user: expect.objectContaining({ id: admin.id }) })]);
    expect((await rest("POST", `/users/me/friend-requests/${admin.id}/decline`, { token: member.token })).status).toBe(200);
    expectError(await rest("DELETE", `/users/me/friend-requests/${member.id}`, { token: admin.token }), 404, "NOT_FOUND");

    await rest("POST", "/users/me/friends", { token: admin.token, body: { username: member.username } });
    expect((await rest("DELETE", `/users/me/friend-requests/${member.id}`, { token: admin.token })).status).toBe(200);

    expect(await rest("PUT", `/users/me/blocks/${admin.id}`, { token: member.token })).toMatchObject({ status: 200, body: { kind: "blocked" } });
    const blocked = await rest("POST", "/users/me/friends", { token: admin.token, body: { username: member.username } });
    const unknown = await rest("POST", "/users/me/friends", { token: admin.token, body: { username: "nobody_at_all" } });
    expectError(blocked, 404, "NOT_FOUND");
    expect(blocked.body).toEqual(unknown.body);
    expect((await rest("GET", "/users/me/blocks", { token: member.token })).body).toHaveLength(1);
    expect((await rest("DELETE", `/users/me/blocks/${admin.id}`, { token: member.token })).status).toBe(200);
    expectError(await rest("DELETE", `/users/me/blocks/${admin.id}`, { token: member.token }), 404, "NOT_FOUND");
  });

  it("odd input is a 4xx, never a 500", async () => {
    const token = cast.outsider.token;
    const requests: unknown[] = [null, [], "text", 42, { username: 42 }, { username: "" }, { username: "x".repeat(50_000) }];
    const profiles: unknown[] = [{ displayName: 7 }, { displayName: "" }, { bannerColour: -1 }, { about: "x".repeat(191) }];
    const ids = ["0", "-1", "1.5", "1e3", "%20", "99999999999999999999", "9223372036854775808", "me"];
    const refused = async (method: "POST" | "PATCH" | "GET" | "PUT", path: string, body?: unknown) => {
      const response = await rest(method, path, { token, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    };
    for (const body of requests) await refused("POST", "/users/me/friends", body);
    for (const body of profiles) await refused("PATCH", "/users/me/profile", body);
    for (const body of [null, [], "text", 42]) expect((await rest("PATCH", "/users/me/profile", { token, body })).status).toBeLessThan(500);
    for (const id of ids) {
      for (const [method, path] of [["GET", `/users/${id}/profile`], ["PUT", `/users/me/friends/${id}`], ["PUT", `/users/me/blocks/${id}`]] as const) {
        await refused(method, path);
      }
    }
  });
});

describe("/users/me/dms and /groups", () => {
  it("a bot-style client opens a DM with a server member, talks in it with the channel routes, and a stranger gets 404", async () => {
    const { owner, member, outsider } = cast;
    const ground = await createServer("DM ground");
    const privacy = `/servers/${ground.id}/members/me/privacy`;
    expect((await rest("GET", privacy, { token: owner.token })).body).toEqual({ serverId: ground.id, allowDms: null });
    expect((await rest("PUT", privacy, { token: owner.token, body: { allowDms: true } })).status).toBe(200);
    expect((await rest("GET", privacy, { token: owner.token })).body).toEqual({ serverId: ground.id, allowDms: true });
    expectError(await rest("GET", privacy, { token: outsider.token }), 404, "NOT_FOUND");
    const opened = await rest("POST", "/users/me/dms", { token: member.token, body: { userId: owner.id } });
    expect(opened).toMatchObject({ status: 200, body: { kind: "dm", ownerId: null } });
    const dmId = (opened.body as { id: string }).id;
    expect((await rest("POST", "/users/me/dms", { token: owner.token, body: { userId: member.id } })).body).toMatchObject({ id: dmId });

    const sent = await rest("POST", `/channels/${dmId}/messages`, { token: member.token, body: { content: "ping from a script" } });
    expect(sent).toMatchObject({ status: 200, body: { content: "ping from a script" } });
    const page = await rest("GET", `/channels/${dmId}/messages`, { token: owner.token });
    expect((page.body as { items: Array<{ content: string }> }).items.map((m) => m.content)).toEqual(["ping from a script"]);
    const list = await rest("GET", "/users/me/dms", { token: owner.token });
    expect(list.body).toEqual([expect.objectContaining({ id: dmId, unreadCount: 1, muted: false })]);
    expect(await rest("PUT", `/users/me/dms/${dmId}/muted`, { token: owner.token, body: { muted: true } })).toMatchObject({
      status: 200,
      body: { channelId: dmId, muted: true },
    });
    expect((await rest("GET", "/users/me/dms", { token: owner.token })).body).toEqual([expect.objectContaining({ id: dmId, muted: true })]);
    expectError(await rest("PUT", `/users/me/dms/${dmId}/muted`, { token: owner.token, body: {} }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", `/users/me/dms/${dmId}/muted`, { token: outsider.token, body: { muted: true } }), 404, "NOT_FOUND");

    expectError(await rest("GET", `/channels/${dmId}/messages`, { token: outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("POST", "/users/me/dms", { token: outsider.token, body: { userId: owner.id } }), 404, "NOT_FOUND");
    expectError(await rest("GET", `/channels/${dmId}`, { token: owner.token }), 404, "NOT_FOUND");
  });

  it("groups: create with a friend, rename, remove and leave; odd input is a 4xx", async () => {
    const { admin, outsider } = cast;
    await rest("POST", "/users/me/friends", { token: outsider.token, body: { username: admin.username } });
    await rest("PUT", `/users/me/friends/${outsider.id}`, { token: admin.token });
    const created = await rest("POST", "/groups", { token: admin.token, body: { userIds: [outsider.id], name: "Ops" } });
    expect(created).toMatchObject({ status: 200, body: { kind: "group", name: "Ops", ownerId: admin.id } });
    const groupId = (created.body as { id: string }).id;
    expect(await rest("PATCH", `/groups/${groupId}`, { token: outsider.token, body: { name: "Ops team" } })).toMatchObject({ status: 200, body: { name: "Ops team" } });
    expectError(await rest("DELETE", `/groups/${groupId}/recipients/${admin.id}`, { token: outsider.token }), 403, "FORBIDDEN");
    expect((await rest("POST", `/groups/${groupId}/leave`, { token: outsider.token })).status).toBe(200);
    expectError(await rest("GET", `/channels/${groupId}/messages`, { token: outsider.token }), 404, "NOT_FOUND");

    for (const body of [null, [], { userIds: [] }, { userIds: ["x"] }, { userIds: Array.from({ length: 10 }, (_, i) => String(i + 1)) }]) {
      const response = await rest("POST", "/groups", { token: admin.token, body });
      expect(response.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    }
    expectError(await rest("PATCH", `/groups/${groupId}`, { token: admin.token, body: { name: "x".repeat(101) } }), 400, "BAD_REQUEST");
  });
});
