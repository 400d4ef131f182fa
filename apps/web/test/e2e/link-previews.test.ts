/**
 * Link previews in real Chromium against the production server: a link to a local page (the
 * server's LINK_PREVIEW_ALLOW_HOSTS names it) shows its card to the other member live, with the
 * page's image loaded from our copy, never from the site; the author's removal takes it away for
 * both. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type LinkSite, linkCard, linkImage, startLinkSite } from "../link-site";
import { send, snap } from "./support/browser";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

// Started before the stage's server, which must be told its address.
const site: LinkSite = await startLinkSite();
afterAll(() => site.close());

const stage = useTwoPeople({
  server: { name: "Tea Room", inviteCode: "teaRoomInvite1", channels: ["general"] },
  owner: "mina",
  member: "otto",
  label: "link-previews",
  env: { LINK_PREVIEW_ALLOW_HOSTS: site.host },
});
let mina: Page;
let otto: Page;
beforeAll(() => {
  ({ owner: mina, member: otto } = stage);
});

const card = (page: Page) => page.locator("article[data-message-id] [data-embed]");

describe("link previews in Chromium", () => {
  it("a link's card reaches the other member live, under the message", async () => {
    await stage.enter();
    await send(mina, `Today's paper: ${site.pageUrl}`);
    const seen = card(otto);
    await seen.waitFor(LIVE);
    expect(await seen.getByRole("link", { name: linkCard.title }).getAttribute("href")).toBe(site.pageUrl);
    expect(await seen.getByRole("link", { name: linkCard.title }).getAttribute("rel")).toBe("noopener noreferrer nofollow");
    expect(await seen.textContent()).toContain(linkCard.siteName);
    expect(await seen.textContent()).toContain(linkCard.description);
    // The image is our copy, loaded (the page CSP allows no other origin), at the size reserved for it (never enlarged).
    const image = seen.locator("img[data-embed-image]");
    expect(await image.getAttribute("src")).toMatch(/^\/api\/embeds\/\d+\/\d+$/);
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), LIVE).toBe(linkImage.width);
    expect(await image.evaluate((img: HTMLImageElement) => [img.width, img.height])).toEqual([linkImage.width, linkImage.height]);
    // The bare URL in the text is a link too.
    expect(await otto.locator("[data-message-text] a", { hasText: site.pageUrl }).count()).toBe(1);
    // Only the author may remove it.
    expect(await seen.getByRole("button", { name: "Remove link previews" }).count()).toBe(0);
    await snap(otto, "link-previews-00-otto-card");
  });

  it("the author removes it, and it goes for both", async () => {
    const own = card(mina);
    await own.waitFor(LIVE);
    await own.hover();
    await own.getByRole("button", { name: "Remove link previews" }).click();
    await own.waitFor({ state: "detached", ...LIVE });
    await card(otto).waitFor({ state: "detached", ...LIVE });
  });
});
