import { beforeAll, describe, expect, it } from "vitest";

import { type TestUser, expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
/** The member reads what the owner writes; the outsider is in another server. */
let owner: TestUser;
let reader: TestUser;
let outsider: TestUser;
let serverId: string;
let channelId: string;
const sent: string[] = [];

beforeAll(async () => {
  ({ owner, member: reader, outsider } = cast);
  serverId = (await createServer("Newsroom")).id;
  channelId = (await rest("GET", `/servers/${serverId}/channels`, { token: owner.token })).body[0].id;
  for (const content of ["Quarterly report draft", "Report is final", "Lunch?"]) {
    sent.push((await rest("POST", `/channels/${channelId}/messages`, { token: owner.token, body: { content } })).body.id);
  }
});

describe("read state over REST", () => {
  it("lists channels and servers with unread counts, and marks a channel read", async () => {
    const channels = await rest("GET", `/servers/${serverId}/channels`, { token: reader.token });
    expect(channels.body[0]).toMatchObject({ id: channelId, unreadCount: 3, mentionCount: 0, lastReadId: expect.stringMatching(/^\d+$/), notify: "default" });
    const servers = await rest("GET", "/servers", { token: reader.token });
    expect(servers.body.find((s: { id: string }) => s.id === serverId)).toMatchObject({ unreadCount: 3, mentionCount: 0, muted: false, notify: "mentions" });

    const partial = await rest("POST", `/channels/${channelId}/read`, { token: reader.token, body: { messageId: sent[0] } });
    expect(partial.status).toBe(200);
    expect(partial.body).toEqual({ channelId, lastReadId: sent[0], unreadCount: 2, mentionCount: 0 });
    const all = await rest("POST", `/channels/${channelId}/read`, { token: reader.token });
    expect(all.body).toMatchObject({ lastReadId: sent[2], unreadCount: 0 });
  });

  it("mutes a server for the caller", async () => {
    const muted = await rest("PUT", `/servers/${serverId}/muted`, { token: reader.token, body: { muted: true } });
    expect(muted.body).toEqual({ serverId, muted: true });
    const servers = await rest("GET", "/servers", { token: reader.token });
    expect(servers.body.find((s: { id: string }) => s.id === serverId)).toMatchObject({ muted: true });
    expectError(await rest("PUT", `/servers/${serverId}/muted`, { token: reader.token, body: {} }), 400, "BAD_REQUEST");
  });

  it("sets the caller's notification level on a server and on a channel, and reads them back", async () => {
    const server = await rest("PUT", `/servers/${serverId}/notify`, { token: reader.token, body: { level: "all" } });
    expect(server.status).toBe(200);
    expect(server.body).toEqual({ serverId, level: "all" });
    const channel = await rest("PUT", `/channels/${channelId}/notify`, { token: reader.token, body: { level: "nothing" } });
    expect(channel.body).toEqual({ serverId, channelId, level: "nothing" });
    expect((await rest("GET", "/servers", { token: reader.token })).body.find((s: { id: string }) => s.id === serverId)).toMatchObject({ notify: "all" });
    expect((await rest("GET", `/servers/${serverId}/channels`, { token: reader.token })).body[0]).toMatchObject({ id: channelId, notify: "nothing" });

    const cleared = await rest("PUT", `/channels/${channelId}/notify`, { token: reader.token, body: { level: "default" } });
    expect(cleared.body).toEqual({ serverId, channelId, level: "default" });
    expect((await rest("GET", `/servers/${serverId}/channels`, { token: reader.token })).body[0]).toMatchObject({ notify: "default" });
    expectError(await rest("PUT", `/servers/${serverId}/notify`, { token: reader.token, body: { level: "default" } }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", `/channels/${channelId}/notify`, { token: reader.token, body: {} }), 400, "BAD_REQUEST");
  });

  it("answers 404 to outsiders", async () => {
    expectError(await rest("POST", `/channels/${channelId}/read`, { token: outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("PUT", `/servers/${serverId}/muted`, { token: outsider.token, body: { muted: true } }), 404, "NOT_FOUND");
    expectError(await rest("PUT", `/servers/${serverId}/notify`, { token: outsider.token, body: { level: "all" } }), 404, "NOT_FOUND");
    expectError(await rest("PUT", `/channels/${channelId}/notify`, { token: outsider.token, body: { level: "all" } }), 404, "NOT_FOUND");
  });
});

describe("GET /servers/{id}/messages/search", () => {
  const search = (query: string, token = reader.token) => rest("GET", `/servers/${serverId}/messages/search?${query}`, { token });

  it("finds whole and partial words, newest first, with filters and a cursor", async () => {
    const found = await search("query=report");
    expect(found.status).toBe(200);
    expect(found.body.items.map((m: { content: string }) => m.content)).toEqual(["Report is final", "Quarterly report draft"]);
    expect(found.body.items[0]).toMatchObject({ channelId, channelName: "general", author: { id: owner.id } });
    expect((await search("query=quart")).body.items).toHaveLength(1);
    expect((await search(`query=report&from=${reader.id}`)).body.items).toHaveLength(0);
    expect((await search(`query=report&after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`)).body.items).toHaveLength(0);

    const first = await search("query=report&limit=1");
    expect(first.body.items.map((m: { id: string }) => m.id)).toEqual([sent[1]]);
    const next = await search(`query=report&limit=1&cursor=${first.body.nextCursor}`);
    expect(next.body).toMatchObject({ items: [{ id: sent[0] }], nextCursor: null });
  });

  it("answers 400 to a query without words and 404 to outsiders", async () => {
    expectError(await search("query=%20%21%21"), 400, "BAD_REQUEST");
    expectError(await search("query=report", outsider.token), 404, "NOT_FOUND");
  });
});
