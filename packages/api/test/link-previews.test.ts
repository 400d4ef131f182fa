/**
 * Link previews end to end through the router: a send with links to a local site (reached through
 * the fetcher's allow-list) gets its cards in an `updated` event and in history; edits keep,
 * drop and add them; the author removes them, and nobody else may. Their images are copies in
 * storage, removed with the previews, the message, its channel, server or group.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";

import { createDiskStorage } from "@chat/storage";
import type { TrackedEnvelope } from "@trpc/server";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type ChannelEvent, type LinkPreviews, createLinkPreviews, createSafeFetch } from "../src";
import { previewLinks } from "../src/embeds/links";
import { type Caller, type Harness, createHarness, expectCode } from "./harness";
import { type PageHandler, type PageServer, htmlPage, startPageServer } from "./page-server";

let h: Harness;
let site: PageServer;
let previews: LinkPreviews;
const filesDir = mkdtempSync(path.join(tmpdir(), "chat-previews-"));

/** A 3×2 PNG, made here as bytes. */
const png = PNG.sync.write(new PNG({ width: 3, height: 2 }));

/** Bytes sent in chunks, without a length: the fetcher finds out their size as they come. */
const bytesPage =
  (contentType: string, bytes: Buffer): PageHandler =>
  (_req, res) => {
    res.writeHead(200, { "content-type": contentType });
    for (let at = 0; at < bytes.length; at += 64 * 1024) res.write(bytes.subarray(at, at + 64 * 1024));
    res.end();
  };

beforeAll(async () => {
  site = await startPageServer();
  const storage = createDiskStorage(filesDir);
  previews = createLinkPreviews({ fetcher: createSafeFetch({ allowHosts: [site.host] }), storage, log: { warn: () => undefined } });
  h = await createHarness({ linkPreviews: previews, storage });
  site.pages.set("/tea.png", bytesPage("image/png", png));
  // A PNG's signature and size followed by padding past 5 MiB: an image in every way but its length.
  site.pages.set("/huge.png", bytesPage("image/png", Buffer.concat([png, Buffer.alloc(5 * 1024 * 1024)])));
  site.pages.set("/drawing.svg", bytesPage("image/svg+xml", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"/>')));
  site.pages.set("/not-an-image.png", bytesPage("image/png", Buffer.from("<!doctype html><p>surprise</p>")));
  for (const [name, image] of [["pictured", "tea.png"], ["too-big", "huge.png"], ["vector", "drawing.svg"], ["disguised", "not-an-image.png"], ["broken", "gone.png"]]) {
    site.pages.set(`/${name}`, htmlPage(`<meta property="og:title" content="All about ${name}"><meta property="og:image" content="/${image}">`));
  }
  for (const name of ["tea", "coffee", "cocoa", "juice"]) {
    site.pages.set(`/${name}`, htmlPage(`<meta property="og:title" content="All about ${name}"><meta property="og:site_name" content="Drinks">`));
  }
});
afterAll(async () => {
  await previews.close();
  await h.close();
  await site.close();
  rmSync(filesDir, { recursive: true, force: true });
});

/** The channel's next events, read through a subscription of `caller` until `count` arrived. */
async function nextEvents(caller: Caller, channelId: string, count: number, action: () => Promise<unknown>): Promise<ChannelEvent[]> {
  const iterable = await caller.message.onEvent({ channelId });
  const events: ChannelEvent[] = [];
  for await (const item of iterable) {
    // A server-side caller yields the envelope itself, not the {id, data} a client receives.
    const [, data] = item as unknown as TrackedEnvelope<ChannelEvent | { type: "ready" }>;
    if (data.type === "ready") {
      await action();
      continue;
    }
    events.push(data);
    if (events.length === count) break; // ends the subscription
  }
  return events;
}

const card = (name: string) => ({
  url: `${site.origin}/${name}`,
  title: `All about ${name}`,
  description: null,
  siteName: "Drinks",
  imageUrl: null,
  imageWidth: null,
  imageHeight: null,
});

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The storage key behind an embed's image URL (`/api/embeds/{messageId}/{imageId}`). */
function keyOf(imageUrl: string | null): string {
  const match = /^\/api\/embeds\/(\d+)\/(\d+)$/.exec(imageUrl ?? "");
  if (!match) throw new Error(`not our image URL: ${imageUrl}`);
  return `embeds/${match[1]}/${match[2]}`;
}

/** Sends `content` as the owner and waits for its previews. */
async function sendWithPreviews(owner: Caller, channelId: string, content: string) {
  const sent = await owner.message.send({ channelId, content });
  await previews.idle();
  return { sent, embeds: (await owner.message.get({ messageId: sent.id })).embeds };
}

describe("link previews", () => {
  it("finds the first three links, outside code and angle brackets", () => {
    expect(previewLinks("see https://a.example/x, and `https://b.example` <https://c.example> [d](https://d.example/) https://e.example https://f.example")).toEqual([
      "https://a.example/x",
      "https://d.example/",
      "https://e.example",
    ]);
  });

  it("adds the cards of a send's first three links with an updated event, and history shows them", async () => {
    const { owner, member, general } = await h.community("Previews");
    const content = ["tea", "coffee", "missing", "cocoa"].map((name) => `${site.origin}/${name}`).join(" ");
    let sent: Awaited<ReturnType<Caller["message"]["send"]>> | undefined;
    const events = await nextEvents(member.caller, general.id, 2, async () => {
      sent = await owner.caller.message.send({ channelId: general.id, content });
    });
    expect(sent!.embeds).toEqual([]);
    expect(events[0]).toMatchObject({ type: "created", message: { embeds: [] } });
    expect(events[1]).toMatchObject({ type: "updated", message: { id: sent!.id, content, embeds: [card("tea"), card("coffee")] } });
    const page = await member.caller.message.list({ channelId: general.id });
    expect(page.items[0]!.embeds).toEqual([card("tea"), card("coffee")]);
  });

  it("keeps an edit's remaining cards, drops the others, fetches new links", async () => {
    const { owner, member, general } = await h.community("Edits");
    const sent = await owner.caller.message.send({ channelId: general.id, content: `${site.origin}/tea ${site.origin}/coffee` });
    await previews.idle();
    const content = `${site.origin}/coffee ${site.origin}/juice`;
    const events = await nextEvents(member.caller, general.id, 2, () => owner.caller.message.edit({ messageId: sent.id, content }));
    expect(events.map((event) => event.type === "updated" && event.message.embeds.map((embed) => embed.title))).toEqual([
      ["All about coffee"],
      ["All about coffee", "All about juice"],
    ]);
  });

  it("lets the author remove the cards, for good, and refuses anyone else (403)", async () => {
    const { owner, member, general } = await h.community("Removal");
    const sent = await owner.caller.message.send({ channelId: general.id, content: `${site.origin}/tea` });
    await previews.idle();
    await expectCode(member.caller.message.removeEmbeds({ messageId: sent.id }), "FORBIDDEN");
    const events = await nextEvents(member.caller, general.id, 1, () => owner.caller.message.removeEmbeds({ messageId: sent.id }));
    expect(events[0]).toMatchObject({ type: "updated", message: { id: sent.id, embeds: [] } });
    await owner.caller.message.edit({ messageId: sent.id, content: `${site.origin}/tea ${site.origin}/juice` });
    await previews.idle();
    expect((await member.caller.message.get({ messageId: sent.id })).embeds).toEqual([]);
  });
});

describe("link preview images", () => {
  it("copies the card's image into storage and names it by our URL, with its size", async () => {
    const { owner, member, general } = await h.community("Pictures");
    const { sent, embeds } = await sendWithPreviews(owner.caller, general.id, `${site.origin}/pictured`);
    expect(embeds).toEqual([
      {
        ...card("pictured"),
        siteName: null,
        imageUrl: expect.stringMatching(new RegExp(`^/api/embeds/${sent.id}/\\d+$`)),
        imageWidth: 3,
        imageHeight: 2,
      },
    ]);
    expect(await bytesOf(await h.storage.read(keyOf(embeds[0]!.imageUrl)))).toEqual(png);
    // History and the members see the same URL: nothing names the site's image any more.
    expect((await member.caller.message.list({ channelId: general.id })).items[0]!.embeds).toEqual(embeds);
    expect(JSON.stringify(embeds)).not.toContain("tea.png");
  });

  it("keeps no image that is not a png, jpeg, gif or webp by its bytes, past 5 MiB, or not there", async () => {
    const { owner, general } = await h.community("No pictures");
    const names = ["vector", "disguised", "too-big", "broken"];
    const { sent, embeds } = await sendWithPreviews(owner.caller, general.id, names.slice(0, 3).map((name) => `${site.origin}/${name}`).join(" "));
    expect(embeds).toEqual(names.slice(0, 3).map((name) => ({ ...card(name), siteName: null })));
    const second = await sendWithPreviews(owner.caller, general.id, `${site.origin}/broken`);
    expect(second.embeds).toEqual([{ ...card("broken"), siteName: null }]);
    // Nothing was left in storage for them either.
    for (const id of [sent.id, second.sent.id]) expect(existsUnder(`embeds/${id}`)).toBe(false);
  });

  it("removes the stored image with the previews, and an edit removes those of the links it drops", async () => {
    const { owner, general } = await h.community("Picture removal");
    const removed = await sendWithPreviews(owner.caller, general.id, `${site.origin}/pictured`);
    const removedKey = keyOf(removed.embeds[0]!.imageUrl);
    expect(await h.storage.stat(removedKey)).toEqual({ size: png.length });
    await owner.caller.message.removeEmbeds({ messageId: removed.sent.id });
    expect(await h.storage.stat(removedKey)).toBeNull();

    const edited = await sendWithPreviews(owner.caller, general.id, `${site.origin}/pictured ${site.origin}/tea`);
    const droppedKey = keyOf(edited.embeds[0]!.imageUrl);
    await owner.caller.message.edit({ messageId: edited.sent.id, content: `${site.origin}/tea` });
    expect(await h.storage.stat(droppedKey)).toBeNull();
    // Linked again, the page's image is copied anew, under a key of its own.
    await owner.caller.message.edit({ messageId: edited.sent.id, content: `${site.origin}/tea ${site.origin}/pictured` });
    await previews.idle();
    const [, again] = (await owner.caller.message.get({ messageId: edited.sent.id })).embeds;
    expect(keyOf(again!.imageUrl)).not.toBe(droppedKey);
    expect(await h.storage.stat(keyOf(again!.imageUrl))).toEqual({ size: png.length });
  });

  it("removes the stored images with the message, its channel and its server", async () => {
    const { owner, server, general } = await h.community("Picture deletion");
    const deleted = await sendWithPreviews(owner.caller, general.id, `${site.origin}/pictured`);
    const deletedKey = keyOf(deleted.embeds[0]!.imageUrl);
    await owner.caller.message.delete({ messageId: deleted.sent.id });
    expect(await h.storage.stat(deletedKey)).toBeNull();

    const channel = await owner.caller.channel.create({ serverId: server.id, name: "pictures" });
    const inChannel = await sendWithPreviews(owner.caller, channel.id, `${site.origin}/pictured`);
    const channelKey = keyOf(inChannel.embeds[0]!.imageUrl);
    expect(await h.storage.stat(channelKey)).not.toBeNull();
    await owner.caller.channel.delete({ channelId: channel.id });
    expect(await h.storage.stat(channelKey)).toBeNull();

    const inServer = await sendWithPreviews(owner.caller, general.id, `${site.origin}/pictured`);
    const serverKey = keyOf(inServer.embeds[0]!.imageUrl);
    expect(await h.storage.stat(serverKey)).not.toBeNull();
    await owner.caller.server.delete({ serverId: server.id });
    expect(await h.storage.stat(serverKey)).toBeNull();
  });

  it("removes the stored images with a group its last participant leaves", async () => {
    const [alice, bob] = [await h.user("alice"), await h.user("bob")];
    await alice.caller.friend.request({ username: bob.username });
    await bob.caller.friend.accept({ userId: alice.id });
    const group = await alice.caller.group.create({ userIds: [bob.id] });
    const { embeds } = await sendWithPreviews(alice.caller, group.id, `${site.origin}/pictured`);
    const key = keyOf(embeds[0]!.imageUrl);
    expect(await h.storage.stat(key)).not.toBeNull();
    await bob.caller.group.leave({ channelId: group.id });
    expect(await h.storage.stat(key)).not.toBeNull();
    await alice.caller.group.leave({ channelId: group.id });
    expect(await h.storage.stat(key)).toBeNull();
  });
});

/** Whether the disk store holds anything under `prefix`. */
function existsUnder(prefix: string): boolean {
  return existsSync(path.join(filesDir, ...prefix.split("/")));
}
