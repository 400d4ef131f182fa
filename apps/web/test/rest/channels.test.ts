import { Permission } from "@chat/policy/permission-flags";
import { beforeAll, describe, expect, it } from "vitest";

import { type Rest, type TestUser, expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
let serverId: string;

beforeAll(async () => {
  serverId = (await createServer()).id;
});

let channelCount = 0;
async function createChannel(topic?: string): Promise<{ id: string; name: string }> {
  const body = { name: `room-${++channelCount}`, topic };
  return (await rest("POST", `/servers/${serverId}/channels`, { token: cast.owner.token, body })).body;
}

describe("POST and GET /servers/{id}/channels", () => {
  it("lets the owner and admins create channels (names lower-cased), listed oldest first", async () => {
    const body = { name: "Random", topic: "Anything" };
    const created = await rest("POST", `/servers/${serverId}/channels`, { token: cast.admin.token, body });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      serverId,
      name: "random",
      topic: "Anything",
      createdAt: expect.any(String),
      slowmodeSeconds: 0,
      categoryId: null,
      position: 1,
      private: false,
    });
    const list = await rest("GET", `/servers/${serverId}/channels`, { token: cast.member.token });
    expect(list.status).toBe(200);
    expect(list.body.map((channel: { name: string }) => channel.name).slice(0, 2)).toEqual(["general", "random"]);
  });

  it("answers 403 to a member, 404 to an outsider, 409 to a taken name, 400 to a bad name", async () => {
    const path = `/servers/${serverId}/channels`;
    expectError(await rest("POST", path, { token: cast.member.token, body: { name: "nope" } }), 403, "FORBIDDEN");
    expectError(await rest("POST", path, { token: cast.outsider.token, body: { name: "nope" } }), 404, "NOT_FOUND");
    expectError(await rest("GET", path, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("POST", path, { token: cast.owner.token, body: { name: "GENERAL" } }), 409, "CONFLICT");
    const bad = await rest("POST", path, { token: cast.owner.token, body: { name: "has space" } });
    expectError(bad, 400, "BAD_REQUEST");
    expect(bad.body.issues[0].path).toEqual(["name"]);
  });
});

describe("GET /servers/{id}/members?channelId=", () => {
  it("lists only who can see a private channel, to those who can; the whole server without it; 404 to the others", async () => {
    const channel = await createChannel();
    const deny = { allow: "0", deny: String(Permission.VIEW_CHANNEL) };
    expect((await rest("PUT", `/channels/${channel.id}/overwrites/role/${serverId}`, { token: cast.owner.token, body: deny })).status).toBe(200);
    const names = async (query: string) =>
      ((await rest("GET", `/servers/${serverId}/members${query}`, { token: cast.admin.token })).body as Array<{ username: string }>).map((m) => m.username).sort();
    expect(await names(`?channelId=${channel.id}`)).toEqual([cast.admin.username, cast.owner.username].sort());
    expect(await names("")).toContain(cast.member.username);
    expectError(await rest("GET", `/servers/${serverId}/members?channelId=${channel.id}`, { token: cast.member.token }), 404, "NOT_FOUND");
    expectError(await rest("GET", `/servers/${serverId}/members?channelId=nope`, { token: cast.admin.token }), 400, "BAD_REQUEST");
  });
});

describe("GET, PUT and DELETE /channels/{id}", () => {
  it("shows a channel to members and 404 to outsiders or for unknown ids", async () => {
    const channel = await createChannel("Hello");
    expect((await rest("GET", `/channels/${channel.id}`, { token: cast.member.token })).body).toMatchObject({ id: channel.id, topic: "Hello" });
    expectError(await rest("GET", `/channels/${channel.id}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("GET", "/channels/42", { token: cast.owner.token }), 404, "NOT_FOUND");
  });

  it("renames or sets the topic for owner and admins; 403 member, 404 outsider, 409 taken name, 400 nothing to change", async () => {
    const channel = await createChannel();
    const renamed = await rest("PUT", `/channels/${channel.id}`, { token: cast.admin.token, body: { name: "Renamed" } });
    expect(renamed).toMatchObject({ status: 200, body: { id: channel.id, name: "renamed", topic: "" } });
    const topic = await rest("PUT", `/channels/${channel.id}`, { token: cast.owner.token, body: { topic: "New topic" } });
    expect(topic.body).toMatchObject({ name: "renamed", topic: "New topic" });
    expectError(await rest("PUT", `/channels/${channel.id}`, { token: cast.member.token, body: { topic: "x" } }), 403, "FORBIDDEN");
    expectError(await rest("PUT", `/channels/${channel.id}`, { token: cast.outsider.token, body: { topic: "x" } }), 404, "NOT_FOUND");
    expectError(await rest("PUT", `/channels/${channel.id}`, { token: cast.owner.token, body: { name: "general" } }), 409, "CONFLICT");
    expectError(await rest("PUT", `/channels/${channel.id}`, { token: cast.owner.token, body: {} }), 400, "BAD_REQUEST");
  });

  it("deletes for owner and admins with its messages; 403 member, 404 outsider and afterwards", async () => {
    const channel = await createChannel();
    const message = (await rest("POST", `/channels/${channel.id}/messages`, { token: cast.member.token, body: { content: "bye" } })).body;
    expectError(await rest("DELETE", `/channels/${channel.id}`, { token: cast.member.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/channels/${channel.id}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expect(await rest("DELETE", `/channels/${channel.id}`, { token: cast.admin.token })).toMatchObject({ status: 200, body: { ok: true } });
    expectError(await rest("GET", `/channels/${channel.id}`, { token: cast.owner.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", `/messages/${message.id}`, { token: cast.owner.token }), 404, "NOT_FOUND");
  });
});

describe("POST /channels/{id}/messages", () => {
  it("posts as the caller; 400 for blank or too long content, 404 for outsiders", async () => {
    const channel = await createChannel();
    const posted = await rest("POST", `/channels/${channel.id}/messages`, { token: cast.member.token, body: { content: "Hello\nworld" } });
    expect(posted.status).toBe(200);
    expect(posted.body).toEqual({
      id: expect.stringMatching(/^\d+$/),
      channelId: channel.id,
      author: { id: cast.member.id, username: cast.member.username, displayName: null, nickname: null, avatarUrl: null },
      content: "Hello\nworld",
      createdAt: expect.any(String),
      editedAt: null,
      replyTo: null,
      mentionIds: [],
      mentionsEveryone: false,
      reactions: [],
      embeds: [],
      attachments: [],
    });
    for (const content of ["   ", "x".repeat(4001), "bell\u0007"]) {
      const response = await rest("POST", `/channels/${channel.id}/messages`, { token: cast.member.token, body: { content } });
      expectError(response, 400, "BAD_REQUEST");
      expect(response.body.issues[0].path).toEqual(["content"]);
    }
    const fromOutsider = await rest("POST", `/channels/${channel.id}/messages`, { token: cast.outsider.token, body: { content: "hi" } });
    expectError(fromOutsider, 404, "NOT_FOUND");
  });

  it("answers 429 with Retry-After past 5 messages in 5 seconds in one channel", async () => {
    const channel = await createChannel();
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<Rest>> | undefined;
    for (let i = 0; i < 6; i++) {
      const response = await rest("POST", `/channels/${channel.id}/messages`, { token: cast.admin.token, body: { content: `burst ${i}` } });
      statuses.push(response.status);
      limited = response;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expectError(limited!, 429, "TOO_MANY_REQUESTS");
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("GET /channels/{id}/messages", () => {
  it("pages newest first with before and after cursors", async () => {
    const channel = await createChannel();
    const ids: string[] = [];
    for (const [user, content] of [[cast.owner, "one"], [cast.admin, "two"], [cast.member, "three"], [cast.owner, "four"], [cast.admin, "five"]] as const) {
      ids.push((await rest("POST", `/channels/${channel.id}/messages`, { token: user.token, body: { content } })).body.id);
    }
    const path = `/channels/${channel.id}/messages`;
    const first = await rest("GET", `${path}?limit=2`, { token: cast.member.token });
    expect(first.status).toBe(200);
    expect(first.body.items.map((m: { content: string }) => m.content)).toEqual(["five", "four"]);
    expect(first.body.nextCursor).toBe(ids[3]);
    const second = await rest("GET", `${path}?limit=2&before=${first.body.nextCursor}`, { token: cast.member.token });
    expect(second.body.items.map((m: { content: string }) => m.content)).toEqual(["three", "two"]);
    const last = await rest("GET", `${path}?limit=2&before=${second.body.nextCursor}`, { token: cast.member.token });
    expect(last.body).toMatchObject({ items: [{ content: "one" }], nextCursor: null });
    const forward = await rest("GET", `${path}?limit=2&after=${ids[0]}`, { token: cast.member.token });
    expect(forward.body.items.map((m: { content: string }) => m.content)).toEqual(["three", "two"]);
    const all = await rest("GET", path, { token: cast.member.token });
    expect(all.body.items).toHaveLength(5);
  });

  it("answers 400 for before and after together or a bad limit, 404 for outsiders", async () => {
    const channel = await createChannel();
    const path = `/channels/${channel.id}/messages`;
    expectError(await rest("GET", `${path}?before=5&after=3`, { token: cast.owner.token }), 400, "BAD_REQUEST");
    for (const limit of ["0", "101", "ten", "1.5"]) {
      const response = await rest("GET", `${path}?limit=${limit}`, { token: cast.owner.token });
      expectError(response, 400, "BAD_REQUEST");
      expect(response.body.issues[0].path).toEqual(["limit"]);
    }
    expectError(await rest("GET", `${path}?before=abc`, { token: cast.owner.token }), 400, "BAD_REQUEST");
    expectError(await rest("GET", path, { token: cast.outsider.token }), 404, "NOT_FOUND");
  });
});

describe("DELETE /messages/{id}", () => {
  it("lets authors delete their own; admins anyone's but the owner's; the owner anyone's", async () => {
    const channel = await createChannel();
    const post = async (user: TestUser) => {
      const body = { content: `from ${user.username}` };
      return (await rest("POST", `/channels/${channel.id}/messages`, { token: user.token, body })).body.id as string;
    };
    const [byMember, byOwner, byAdmin, byMember2] = [await post(cast.member), await post(cast.owner), await post(cast.admin), await post(cast.member)];
    expectError(await rest("DELETE", `/messages/${byAdmin}`, { token: cast.member.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/messages/${byOwner}`, { token: cast.admin.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `/messages/${byMember}`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    expect(await rest("DELETE", `/messages/${byMember}`, { token: cast.member.token })).toMatchObject({ status: 200, body: { ok: true } });
    expect((await rest("DELETE", `/messages/${byMember2}`, { token: cast.admin.token })).status).toBe(200);
    expect((await rest("DELETE", `/messages/${byAdmin}`, { token: cast.owner.token })).status).toBe(200);
    expectError(await rest("DELETE", `/messages/${byMember}`, { token: cast.member.token }), 404, "NOT_FOUND");
    const left = await rest("GET", `/channels/${channel.id}/messages`, { token: cast.owner.token });
    expect(left.body.items.map((m: { id: string }) => m.id)).toEqual([byOwner]);
  });
});
