/** Roles over REST: the routes, their statuses, and odd input (never a 500). */
import { Permission } from "@chat/policy/permission-flags";
import { describe, expect, it } from "vitest";

import { expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();

describe("/servers/{id}/roles", () => {
  it("creates, changes, moves, assigns and deletes a role; members read the list", async () => {
    const server = await createServer();
    const roles = `/servers/${server.id}/roles`;
    const kick = String(Permission.KICK_MEMBERS);
    const created = await rest("POST", roles, { token: cast.owner.token, body: { name: "Mods", permissions: kick, colour: 0xff0000 } });
    expect(created).toMatchObject({ status: 200, body: { name: "Mods", position: 1, permissions: kick, colour: 0xff0000, builtIn: null } });
    const role = `${roles}/${created.body.id}`;
    const changed = await rest("PATCH", role, { token: cast.admin.token, body: { name: "Moderators", hoist: true } });
    expect(changed).toMatchObject({ status: 200, body: { name: "Moderators", hoist: true } });
    const moved = await rest("PUT", `${role}/position`, { token: cast.owner.token, body: { position: 2 } });
    expect(moved.status).toBe(200);
    expect(moved.body.map((r: { name: string }) => r.name)).toEqual(["Moderators", "Admin", "@everyone"]);
    const assigned = await rest("PUT", `/servers/${server.id}/members/${cast.member.id}/roles/${created.body.id}`, { token: cast.owner.token });
    expect(assigned).toMatchObject({ status: 200, body: { userId: cast.member.id, role: "member", roleIds: [created.body.id] } });
    const listed = await rest("GET", roles, { token: cast.member.token });
    expect(listed.body).toHaveLength(3);
    const taken = await rest("DELETE", `/servers/${server.id}/members/${cast.member.id}/roles/${created.body.id}`, { token: cast.owner.token });
    expect(taken).toMatchObject({ status: 200, body: { roleIds: [] } });
    expect(await rest("DELETE", role, { token: cast.owner.token })).toMatchObject({ status: 200, body: { ok: true } });
  });

  it("answers 403 without MANAGE_ROLES or above one's highest role, 400 for built-in rules, 404 to outsiders", async () => {
    const server = await createServer();
    const roles = `/servers/${server.id}/roles`;
    expectError(await rest("POST", roles, { token: cast.member.token, body: { name: "Mine" } }), 403, "FORBIDDEN");
    const admin = (await rest("GET", roles, { token: cast.owner.token })).body.find((r: { builtIn: string }) => r.builtIn === "admin");
    expectError(await rest("PATCH", `${roles}/${admin.id}`, { token: cast.admin.token, body: { name: "Root" } }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `${roles}/${admin.id}`, { token: cast.owner.token }), 400, "BAD_REQUEST");
    expectError(await rest("DELETE", `${roles}/${server.id}`, { token: cast.owner.token }), 400, "BAD_REQUEST");
    expectError(await rest("GET", roles, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `${roles}/${admin.id}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
  });

  it("odd input is a 4xx, never a 500", async () => {
    const server = await createServer();
    const roles = `/servers/${server.id}/roles`;
    const { id } = (await rest("POST", roles, { token: cast.owner.token, body: { name: "Target" } })).body;
    const bodies: unknown[] = [null, [], "text", 42, { name: 42 }, { name: "" }, { name: "x".repeat(50_000) }, { colour: "red" }, { permissions: -1 }, { permissions: "1e3" }];
    const ids = ["0", "-1", "1.5", "1e3", "%20", "99999999999999999999", "9223372036854775808"];
    const calls: [string, string, unknown][] = [
      ...bodies.map((body): [string, string, unknown] => ["POST", roles, body]),
      ...bodies.map((body): [string, string, unknown] => ["PATCH", `${roles}/${id}`, body]),
      ...[null, {}, { position: 0 }, { position: "x" }, { position: 1e9 }].map((body): [string, string, unknown] => ["PUT", `${roles}/${id}/position`, body]),
      ...ids.map((bad): [string, string, unknown] => ["DELETE", `${roles}/${bad}`, undefined]),
      ...ids.map((bad): [string, string, unknown] => ["PUT", `/servers/${server.id}/members/${cast.member.id}/roles/${bad}`, undefined]),
    ];
    for (const [method, path, body] of calls) {
      const response = await rest(method, path, { token: cast.owner.token, body });
      const label = `${method} ${path} ${JSON.stringify(body)?.slice(0, 40)}`;
      expect(response.status, label).toBeGreaterThanOrEqual(400);
      expect(response.status, label).toBeLessThan(500);
    }
  });
});
