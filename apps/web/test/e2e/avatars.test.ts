/**
 * Avatars in real Chromium against the production server (issue 18): one person picks a picture
 * in account settings; another, with the server's member list open, sees it replace the initials
 * live, on the messages they wrote before too, and sees the initials again once it is removed; a server's owner picks its icon, and
 * a member's server rail shows it, live. Screenshots: test-results/e2e.
 */
import type { Browser, Locator, Page } from "playwright-core";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { desktopPage, launchChromium, logIn, messageText, openServer, send, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };

let server: AppServer;
let browser: Browser;
let ana: Page;
let bo: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["anabel", "bodhi"]);
        await createServer(db, { name: "Bakery", inviteCode: "bakeryAvatar1", owner: people.get("anabel")!, members: [people.get("bodhi")!], channels: ["general"] });
      }),
  });
  browser = await launchChromium();
  ana = await desktopPage(browser);
  bo = await desktopPage(browser);
}, 600_000);

afterEach(({ task }) => snapFailure("avatars", task, { ana, bo }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The width of the picture as decoded: 0 until it has loaded. */
const loaded = (image: Locator) => image.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0));
const memberRow = (page: Page, name: string) => page.locator('aside[aria-label="Members"] li').filter({ hasText: name });

/** A picture worth recognising in a screenshot: an orange sun on a blue sky. */
async function sunPicture(): Promise<Buffer> {
  const sun = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300"><circle cx="150" cy="150" r="90" fill="#ff9900"/></svg>');
  return sharp({ create: { width: 300, height: 300, channels: 3, background: "#2266cc" } })
    .composite([{ input: sun }])
    .png()
    .toBuffer();
}

describe("avatars in Chromium", () => {
  it("an avatar chosen in account settings shows in another person's member list and on past messages, live, and goes when removed", async () => {
    await logIn(ana, server.url, "anabel@example.com", SEED_PASSWORD);
    await logIn(bo, server.url, "bodhi@example.com", SEED_PASSWORD);
    await openServer(ana, "Bakery");
    await openServer(bo, "Bakery");
    await memberRow(bo, "anabel").waitFor(LIVE);
    expect(await memberRow(bo, "anabel").locator("img").count()).toBe(0);
    await send(ana, "Fresh sourdough at noon");
    const message = messageText(bo, "Fresh sourdough at noon");
    await message.waitFor(LIVE);
    expect(await message.locator("img").count()).toBe(0);

    await ana.getByRole("button", { name: "Account settings" }).click();
    await ana.getByRole("tab", { name: "Profile" }).click();
    await ana.getByLabel("Upload a picture").setInputFiles({ name: "sun.png", mimeType: "image/png", buffer: await sunPicture() });
    const preview = ana.getByRole("article", { name: "Preview of your profile card" }).locator('img[src^="/api/avatars/"]');
    await expect.poll(() => loaded(preview), LIVE).toBeGreaterThan(0);
    await snap(ana, "avatars-01-settings");

    const shown = memberRow(bo, "anabel").locator('img[src^="/api/avatars/"]');
    await shown.waitFor(LIVE);
    await expect.poll(() => loaded(shown), LIVE).toBeGreaterThan(0);
    await snap(bo, "avatars-02-member-list");
    // The message sent before the change shows the new avatar too, without a reload.
    const onMessage = message.locator('img[src^="/api/avatars/"]');
    await expect.poll(() => loaded(onMessage), LIVE).toBeGreaterThan(0);
    expect(await onMessage.getAttribute("src")).toBe(await shown.getAttribute("src"));
    await snap(bo, "avatars-02b-message");

    await ana.getByRole("button", { name: "Remove" }).click();
    await shown.waitFor({ state: "detached", ...LIVE });
    await onMessage.waitFor({ state: "detached", ...LIVE });
    await memberRow(bo, "anabel").waitFor(LIVE);
    await ana.keyboard.press("Escape");
  });

  it("a server icon chosen by its owner replaces the initials in a member's server rail, live", async () => {
    await openServer(ana, "Bakery");
    await ana.getByRole("button", { name: "Server settings" }).click();
    await ana.getByRole("tab", { name: "Overview" }).click();
    await ana.getByLabel("Upload a picture").setInputFiles({ name: "sun.png", mimeType: "image/png", buffer: await sunPicture() });

    const icon = bo.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Bakery" }).locator('img[src^="/api/icons/"]');
    await expect.poll(() => loaded(icon), LIVE).toBeGreaterThan(0);
    await snap(bo, "avatars-03-server-icon");
  });
});
