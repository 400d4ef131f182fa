import { beforeAll, describe, expect, inject, it } from "vitest";

import { linkCard, linkImage } from "../link-site";
import { type TestUser, expectError } from "../support/http";
import { useRestCast } from "../support/rest-cast";

const { rest, cast, createServer } = useRestCast();
const baseUrl = inject("baseUrl");
let channelId: string;

beforeAll(async () => {
  const server = await createServer("Content");
  channelId = (await rest("GET", `/servers/${server.id}/channels`, { token: cast.owner.token })).body[0].id;
});

async function post(user: TestUser, body: Record<string, unknown>) {
  const response = await rest("POST", `/channels/${channelId}/messages`, { token: user.token, body });
  expect(response.status).toBe(200);
  return response.body;
}

const reactionPath = (messageId: string, emoji: string) => `/messages/${messageId}/reactions/${encodeURIComponent(emoji)}`;

describe("PATCH /messages/{id}", () => {
  it("edits the author's message and sets editedAt; 403 to another member, 404 to an outsider, 400 to blank text", async () => {
    const message = await post(cast.member, { content: "first draft" });
    const edited = await rest("PATCH", `/messages/${message.id}`, { token: cast.member.token, body: { content: "final" } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: message.id, content: "final", editedAt: expect.any(String), reactions: [] });
    const path = `/messages/${message.id}`;
    expectError(await rest("PATCH", path, { token: cast.owner.token, body: { content: "mine now" } }), 403, "FORBIDDEN");
    expectError(await rest("PATCH", path, { token: cast.outsider.token, body: { content: "x" } }), 404, "NOT_FOUND");
    expectError(await rest("PATCH", path, { token: cast.member.token, body: { content: "  " } }), 400, "BAD_REQUEST");
    expect((await rest("GET", path, { token: cast.owner.token })).body.content).toBe("final");
  });
});

describe("replies and mentions over REST", () => {
  it("posts a reply with the parent's quote and resolved mentions; a deleted parent quotes as deleted", async () => {
    const parent = await post(cast.owner, { content: "lunch?\nat noon" });
    const reply = await post(cast.member, { content: `@${cast.owner.username} yes, @everyone come`, replyToId: parent.id });
    expect(reply).toMatchObject({
      replyTo: { id: parent.id, deleted: false, author: { id: cast.owner.id, username: cast.owner.username }, excerpt: "lunch?" },
      mentionIds: [cast.owner.id],
      mentionsEveryone: false,
    });
    await rest("DELETE", `/messages/${parent.id}`, { token: cast.owner.token });
    const again = await rest("GET", `/messages/${reply.id}`, { token: cast.member.token });
    expect(again.body.replyTo).toEqual({ id: parent.id, deleted: true, author: null, excerpt: "" });
  });

  it("answers 404 for a reply to an unknown message and 400 for a malformed id", async () => {
    const path = `/channels/${channelId}/messages`;
    expectError(await rest("POST", path, { token: cast.owner.token, body: { content: "re", replyToId: "999" } }), 404, "NOT_FOUND");
    expectError(await rest("POST", path, { token: cast.owner.token, body: { content: "re", replyToId: "abc" } }), 400, "BAD_REQUEST");
  });
});

describe("PUT and DELETE /messages/{id}/reactions/{emoji}", () => {
  it("adds and removes the caller's reaction, with counts and `me` per caller", async () => {
    const message = await post(cast.owner, { content: "react" });
    const added = await rest("PUT", reactionPath(message.id, "👍🏽"), { token: cast.member.token });
    expect(added).toMatchObject({ status: 200, body: { id: message.id, reactions: [{ emoji: "👍🏽", count: 1, me: true }] } });
    await rest("PUT", reactionPath(message.id, "👍🏽"), { token: cast.owner.token });
    const seen = await rest("GET", `/channels/${channelId}/messages?limit=1`, { token: cast.owner.token });
    expect(seen.body.items[0].reactions).toEqual([{ emoji: "👍🏽", count: 2, me: true }]);
    const removed = await rest("DELETE", reactionPath(message.id, "👍🏽"), { token: cast.member.token });
    expect(removed.body.reactions).toEqual([{ emoji: "👍🏽", count: 1, me: false }]);
  });

  it("answers 400 to a non-emoji, 404 to an outsider, 409 past 20 distinct emoji", async () => {
    const message = await post(cast.owner, { content: "limits" });
    expectError(await rest("PUT", reactionPath(message.id, "lol"), { token: cast.owner.token }), 400, "BAD_REQUEST");
    expectError(await rest("PUT", reactionPath(message.id, "👍"), { token: cast.outsider.token }), 404, "NOT_FOUND");
    expectError(await rest("DELETE", reactionPath(message.id, "👍"), { token: cast.outsider.token }), 404, "NOT_FOUND");
    for (const emoji of [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂"]) {
      expect((await rest("PUT", reactionPath(message.id, emoji), { token: cast.owner.token })).status).toBe(200);
    }
    expectError(await rest("PUT", reactionPath(message.id, "🤔"), { token: cast.member.token }), 409, "CONFLICT");
  });
});

describe("link previews over REST", () => {
  it("adds the card of a linked page to the message, and DELETE /messages/{id}/embeds removes it for the author only", async () => {
    const pageUrl = inject("linkPageUrl");
    const message = await post(cast.member, { content: `news: ${pageUrl}` });
    expect(message.embeds).toEqual([]);
    const path = `/messages/${message.id}`;
    await expect
      .poll(async () => (await rest("GET", path, { token: cast.owner.token })).body.embeds, { timeout: 10_000 })
      .toEqual([
        {
          url: pageUrl,
          ...linkCard,
          imageUrl: expect.stringMatching(new RegExp(`^/api/embeds/${message.id}/\\d+$`)),
          imageWidth: linkImage.width,
          imageHeight: linkImage.height,
        },
      ]);
    const history = await rest("GET", `/channels/${channelId}/messages?limit=1`, { token: cast.owner.token });
    expect(history.body.items[0].embeds).toHaveLength(1);
    expectError(await rest("DELETE", `${path}/embeds`, { token: cast.owner.token }), 403, "FORBIDDEN");
    expectError(await rest("DELETE", `${path}/embeds`, { token: cast.outsider.token }), 404, "NOT_FOUND");
    const removed = await rest("DELETE", `${path}/embeds`, { token: cast.member.token });
    expect(removed).toMatchObject({ status: 200, body: { id: message.id, embeds: [] } });
  });

  it("serves the card's image copy to those who may read the channel, never the site's URL (GET /api/embeds/…)", async () => {
    const pageUrl = inject("linkPageUrl");
    const message = await post(cast.member, { content: `again: ${pageUrl}` });
    const path = `/messages/${message.id}`;
    let imageUrl = "";
    await expect
      .poll(async () => (imageUrl = (await rest("GET", path, { token: cast.owner.token })).body.embeds[0]?.imageUrl ?? ""), { timeout: 10_000 })
      .toMatch(/^\/api\/embeds\//);
    const image = (headers: Record<string, string> = {}) => fetch(`${baseUrl}${imageUrl}`, { headers, redirect: "manual" });

    const served = await image({ authorization: `Bearer ${cast.owner.token}` });
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer())).toEqual(linkImage.bytes);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    expect(served.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    // The session cookie works as well as a bearer token.
    expect((await image({ cookie: `chat_session=${cast.member.token}` })).status).toBe(200);

    expect((await image()).status).toBe(401);
    expect((await image({ authorization: `Bearer ${cast.outsider.token}` })).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/embeds/${message.id}/123`, { headers: { authorization: `Bearer ${cast.owner.token}` } })).status).toBe(404);
    expect((await fetch(`${baseUrl}/api/embeds/nope/123`, { headers: { authorization: `Bearer ${cast.owner.token}` } })).status).toBe(404);

    // Removed with the previews: the URL answers no more.
    await rest("DELETE", `${path}/embeds`, { token: cast.member.token });
    expect((await image({ authorization: `Bearer ${cast.owner.token}` })).status).toBe(404);
  });
});
