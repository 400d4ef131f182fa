/**
 * Link previews end to end through the router: a send with links to a local site (reached through
 * the fetcher's allow-list) gets its cards in an `updated` event and in history; edits keep,
 * drop and add them; the author removes them, and nobody else may.
 */
import type { TrackedEnvelope } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type ChannelEvent, type LinkPreviews, createLinkPreviews, createSafeFetch } from "../src";
import { previewLinks } from "../src/embeds/links";
import { type Caller, type Harness, createHarness, expectCode } from "./harness";
import { type PageServer, htmlPage, startPageServer } from "./page-server";

let h: Harness;
let site: PageServer;
let previews: LinkPreviews;

beforeAll(async () => {
  site = await startPageServer();
  previews = createLinkPreviews({ fetcher: createSafeFetch({ allowHosts: [site.host] }), log: { warn: () => undefined } });
  h = await createHarness({ linkPreviews: previews });
  for (const name of ["tea", "coffee", "cocoa", "juice"]) {
    site.pages.set(`/${name}`, htmlPage(`<meta property="og:title" content="All about ${name}"><meta property="og:site_name" content="Drinks">`));
  }
});
afterAll(async () => {
  await previews.close();
  await h.close();
  await site.close();
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

const card = (name: string) => ({ url: `${site.origin}/${name}`, title: `All about ${name}`, description: null, siteName: "Drinks", imageUrl: null });

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
