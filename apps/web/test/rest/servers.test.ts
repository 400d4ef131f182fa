import { createTRPCClient, httpLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, inject, it } from "vitest";

import type { AppRouter } from "@chat/api";
import { allPermissions } from "@chat/policy/permission-flags";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();

describe("POST /servers and GET /servers", () => {
  it("creates a server owned by the caller, with an invite code, and lists it with the caller's role", async () => {
    const created = await rest("POST", "/servers", { token: cast.owner.token, body: { name: "  Book club  " } });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      name: "Book club",
      ownerId: cast.owner.id,
      inviteCode: expect.stringMatching(/^[A-Za-z0-9]{10}$/),
      createdAt: expect.any(String),
      iconUrl: null,
    });
    const list = await rest("GET", "/servers", { token: cast.owner.token });
    expect(list.status).toBe(200);
    const permissions = String(allPermissions); // the owner holds every flag
    // rank: the owner holds no role but @everyone, and stands above everyone by ownership.
    expect(list.body).toContainEqual({ ...created.body, role: "owner", permissions, rank: 0, muted: false, notify: "mentions", unreadCount: 0, mentionCount: 0 });
    expect((await rest("GET", "/servers", { token: cast.outsider.token })).body).toEqual([]);
  });

  it("answers 400 naming the field for an empty, too long or control-character name", async () => {
    for (const name of ["", "x".repeat(101), "bad\u0007name"]) {
      const response = await rest("POST", "/servers", { token: cast.owner.token, body: { name } });
      expectError(response, 400, "BAD_REQUEST");
      expect(response.body.issues[0].path).toEqual(["name"]);
    }
  });
});

describe("GET, PUT and DELETE /servers/{id}", () => {
  it("shows a server to its members with their role, and 404 to anyone else or for an unknown id", async () => {
    const server = await createServer();
    expect((await rest("GET", `/servers/${server.id}`, { token: cast.member.token })).body).toMatchObject({ id: server.id, role: "member" });
    expect((await rest("GET", `/servers/${server.id}`, { token: cast.admin.token })).body.role).toBe("admin");
    expectError(await rest("GET", `/servers/${server.id}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("GET", "/servers/123456789", { token: cast.owner.token }), 404, "NOT_FOUND");
    expectError(await rest("GET", "/servers/not-an-id", { token: cast.owner.token }), 400, "BAD_REQUEST");
  });

  it("lets the owner and admins rename it; a member gets 403, an outsider 404, a bad name 400", async () => {
    const server = await createServer();
    const renamed = await rest("PUT", `/servers/${server.id}`, { token: cast.owner.token, body: { name: "Renamed" } });
    expect(renamed).toMatchObject({ status: 200, body: { id: server.id, name: "Renamed" } });
    expect((await rest("PUT", `/servers/${server.id}`, { token: cast.admin.token, body: { name: "By admin" } })).body.name).toBe("By admin");
    expectError(await rest("PUT", `/servers/${server.id}`, { token: cast.member.token, body: { name: "No" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", `/servers/${server.id}`, { token: cast.outsider.token, body: { name: "No" } }), 404, "NOT_FOUND");
    expectError(await rest("PUT", `/servers/${server.id}`, { token: cast.owner.token, body: { name: "" } }), 400, "BAD_REQUEST");
    expect((await rest("GET", `/servers/${server.id}`, { token: cast.owner.token })).body.name).toBe("By admin");
  });

  it("lets only the owner delete it: admins and members get 403, outsiders 404; then it is gone", async () => {
    const server = await createServer();
    expectError(await rest("DELETE", `/servers/${server.id}`, { token: cast.admin.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/servers/${server.id}`, { token: cast.member.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/servers/${server.id}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expect(await rest("DELETE", `/servers/${server.id}`, { token: cast.owner.token })).toMatchObject({ status: 200, body: { ok: true } });
    expectError(await rest("GET", `/servers/${server.id}`, { token: cast.owner.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `/servers/${server.id}`, { token: cast.owner.token }), 404, "NOT_FOUND");
  });
});

describe("the standing invite code", () => {
  it("goes only to those who manage invites: null for a member, over REST and tRPC", async () => {
    const server = await createServer();
    const trpc = (token: string) =>
      createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${inject("baseUrl")}/api/trpc`, transformer: superjson, headers: { authorization: `Bearer ${token}` } })],
      });
    for (const [who, expected] of [["owner", server.inviteCode], ["admin", server.inviteCode], ["member", null]] as const) {
      const { token } = cast[who];
      expect((await rest("GET", `/servers/${server.id}`, { token })).body.inviteCode, who).toBe(expected);
      const listed = (await rest("GET", "/servers", { token })).body as { id: string; inviteCode: string | null }[];
      expect(listed.find((entry) => entry.id === server.id)?.inviteCode, who).toBe(expected);
      expect((await trpc(token).server.get.query({ serverId: server.id })).inviteCode, who).toBe(expected);
      expect((await trpc(token).server.list.query()).find((entry) => entry.id === server.id)?.inviteCode, who).toBe(expected);
    }
  });

  it("lets a member create an invite of their own, which expires", async () => {
    const server = await createServer();
    const created = await rest("POST", `/servers/${server.id}/invites`, { token: cast.member.token, body: { maxUses: 1 } });
    expect(created).toMatchObject({ status: 200, body: { createdBy: { id: cast.member.id }, maxUses: 1, expiresAt: expect.any(String) } });
    expectError(await rest("GET", `/servers/${server.id}/invites`, { token: cast.member.token }), 403, "FORBIDDEN");
  });
});

describe("POST /servers/join and DELETE /servers/{id}/leave", () => {
  it("joins by invite code (twice is harmless), 404 for an unknown code, 400 for a malformed one", async () => {
    const server = await createServer();
    const joined = await rest("POST", "/servers/join", { token: cast.outsider.token, body: { inviteCode: server.inviteCode } });
    expect(joined).toMatchObject({ status: 200, body: { id: server.id, inviteCode: null } });
    expect((await rest("POST", "/servers/join", { token: cast.outsider.token, body: { inviteCode: server.inviteCode } })).status).toBe(200);
    expect((await rest("GET", `/servers/${server.id}`, { token: cast.outsider.token })).body.role).toBe("member");
    expectError(await rest("POST", "/servers/join", { token: cast.outsider.token, body: { inviteCode: "Unknown123" } }), 404, "NOT_FOUND");
    expectError(await rest("POST", "/servers/join", { token: cast.outsider.token, body: { inviteCode: "no!" } }), 400, "BAD_REQUEST");
    await rest("DELETE", `/servers/${server.id}/leave`, { token: cast.outsider.token });
  });

  it("lets a member leave; the owner gets 400 (transfer first), a non-member 404", async () => {
    const server = await createServer();
    const left = await rest("DELETE", `/servers/${server.id}/leave`, { token: cast.member.token });
    expect(left).toMatchObject({ status: 200, body: { ok: true } });
    expectError(await rest("GET", `/servers/${server.id}`, { token: cast.member.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `/servers/${server.id}/leave`, { token: cast.member.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `/servers/${server.id}/leave`, { token: cast.owner.token }), 400, "BAD_REQUEST");
  });
});

describe("GET /servers/{id}/members and PUT /servers/{id}/members/{userId}", () => {
  it("lists members owner first, then admins, then members, with join times", async () => {
    const server = await createServer();
    const response = await rest("GET", `/servers/${server.id}/members`, { token: cast.member.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual([
      { userId: cast.owner.id, username: cast.owner.username, displayName: null, avatarUrl: null, nickname: null, role: "owner", joinedAt: expect.any(String), timedOutUntil: null, roleIds: [] },
      // The admin holds the built-in Admin role.
      { userId: cast.admin.id, username: cast.admin.username, displayName: null, avatarUrl: null, nickname: null, role: "admin", joinedAt: expect.any(String), timedOutUntil: null, roleIds: [expect.any(String)] },
      { userId: cast.member.id, username: cast.member.username, displayName: null, avatarUrl: null, nickname: null, role: "member", joinedAt: expect.any(String), timedOutUntil: null, roleIds: [] },
    ]);
    expect(new Date(response.body[0].joinedAt).toISOString()).toBe(response.body[0].joinedAt);
    expectError(await rest("GET", `/servers/${server.id}/members`, { token: cast.outsider.token }), 404, "NOT_FOUND");
  });

  it("lets the owner change roles; 403 for admins and members, 400 for the owner's role or 'owner', 404 for non-members", async () => {
    const server = await createServer();
    const path = (userId: string) => `/servers/${server.id}/members/${userId}`;
    const promoted = await rest("PUT", path(cast.member.id), { token: cast.owner.token, body: { role: "admin" } });
    expect(promoted).toMatchObject({ status: 200, body: { userId: cast.member.id, username: cast.member.username, role: "admin" } });
    expect((await rest("PUT", path(cast.member.id), { token: cast.owner.token, body: { role: "member" } })).body.role).toBe("member");
    expectError(await rest("PUT", path(cast.member.id), { token: cast.admin.token, body: { role: "admin" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", path(cast.admin.id), { token: cast.member.token, body: { role: "member" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", path(cast.member.id), { token: cast.owner.token, body: { role: "owner" } }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", path(cast.owner.id), { token: cast.owner.token, body: { role: "member" } }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", path(cast.outsider.id), { token: cast.owner.token, body: { role: "admin" } }), 404, "NOT_FOUND");
    expectError(await rest("PUT", path(cast.member.id), { token: cast.outsider.token, body: { role: "admin" } }), 404, "NOT_FOUND");
  });
});

describe("odd input", () => {
  it("is a 4xx, never a 500", async () => {
    const server = await createServer();
    const bodies: unknown[] = [null, [], "text", 42, { name: 42 }, { name: null }, { name: ["a"] }, { name: "x".repeat(50_000) }];
    const ids = ["0", "-1", "1.5", "1e3", "%20", "99999999999999999999", "9999999999999999999", "9223372036854775808"];
    const calls: [string, string, unknown][] = [
      ...bodies.map((body): [string, string, unknown] => ["POST", "/servers", body]),
      ...bodies.map((body): [string, string, unknown] => ["PUT", `/servers/${server.id}`, body]),
      ...bodies.map((body): [string, string, unknown] => ["POST", "/servers/join", body]),
      ...bodies.map((body): [string, string, unknown] => ["PUT", `/servers/${server.id}/members/${cast.member.id}`, body]),
      ...ids.map((id): [string, string, unknown] => ["GET", `/servers/${id}`, undefined]),
      ...ids.map((id): [string, string, unknown] => ["PUT", `/servers/${server.id}/members/${id}`, { role: "admin" }]),
    ];
    for (const [method, path, body] of calls) {
      const response = await rest(method, path, { token: cast.owner.token, body });
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`).toBeLessThan(500);
      expect(response.body.code).toEqual(expect.any(String));
    }
  });

  it("ignores query parameters named like Object.prototype's members", async () => {
    const server = await createServer("Plain");
    const response = await rest("GET", `/servers/${server.id}?__proto__=1&constructor=2&valueOf=3`, { token: cast.owner.token });
    expect(response).toMatchObject({ status: 200, body: { name: "Plain" } });
  });

  it("takes ids from the path, whatever the query or body say", async () => {
    const server = await createServer("Path wins");
    const other = await createServer("Other");
    expect((await rest("GET", `/servers/${server.id}?serverId=${other.id}`, { token: cast.owner.token })).body.name).toBe("Path wins");
    await rest("PUT", `/servers/${server.id}`, { token: cast.owner.token, body: { serverId: other.id, name: "Renamed" } });
    expect((await rest("GET", `/servers/${other.id}`, { token: cast.owner.token })).body.name).toBe("Other");
  });
});
