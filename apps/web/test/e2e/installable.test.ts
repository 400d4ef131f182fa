/**
 * The installable app in real Chromium against the production server (issue 19): the web app
 * manifest and its icons, the service worker registered under the page's CSP, and with the
 * network gone, a reload shows the offline page with the conversation opened before, read from
 * the worker's cache. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { desktopPage, launchChromium, logIn, messageText, openServer, recordPolicyViolations, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createMessages, createServer, createUsers, seedDatabase } from "./support/seed";

let server: AppServer;
let browser: Browser;
let page: Page;
let violations: string[];

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["ines"]);
        const channels = await createServer(db, { name: "Harbour", inviteCode: "harbourInvite1", owner: people.get("ines")!, members: [], channels: ["general"] });
        await createMessages(db, channels.get("general")!, [
          { authorId: people.get("ines")!, content: "Boats leave at noon", at: new Date(Date.now() - 60_000) },
          { authorId: people.get("ines")!, content: "Bring a coat", at: new Date(Date.now() - 30_000) },
        ]);
      }),
  });
  browser = await launchChromium();
  page = await desktopPage(browser);
  violations = recordPolicyViolations(page.context());
}, 600_000);

afterEach(({ task }) => snapFailure("installable", task, { page }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (bytes: Buffer) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  background_color: string;
  icons: { src: string; sizes: string; type: string; purpose: string }[];
}

describe("the installable app in Chromium", () => {
  it("links a valid manifest whose icons are served at their stated sizes", async () => {
    await page.goto(`${server.url}/login`);
    const href = await page.locator('link[rel="manifest"]').getAttribute("href");
    expect(await page.locator('meta[name="theme-color"]').getAttribute("content")).toBe("#1e1f22");
    const response = await page.request.get(new URL(href!, server.url).href);
    expect(response.headers()["content-type"]).toMatch(/application\/manifest\+json/);
    const manifest = (await response.json()) as Manifest;
    expect(manifest).toMatchObject({ name: "Chat RTC", short_name: "Chat RTC", start_url: "/channels", display: "standalone", theme_color: "#1e1f22" });
    // What Chromium needs to offer installation: 192 and 512 px icons, one of them maskable too.
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose}`)).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons) {
      const image = await page.request.get(new URL(icon.src, server.url).href);
      expect(image.headers()["content-type"]).toBe("image/png");
      expect(pngSize(await image.body()).join("x")).toBe(icon.sizes);
    }
  });

  it("registers the service worker, which keeps the opened conversation, and shows the offline page when the network is gone", async () => {
    await logIn(page, server.url, "ines@example.com", SEED_PASSWORD);
    const script = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(script).toBe(`${server.url}/sw.js`);
    // A page still loading when the worker claimed its clients stays uncontrolled until its next load (Chromium).
    if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

    await openServer(page, "Harbour");
    // A full load of the conversation goes through the worker, which keeps its history.
    await page.goto(page.url());
    await messageText(page, "Bring a coat").waitFor();
    const kept = () =>
      page.evaluate(async () => {
        const index = await (await caches.open("chat-history-v1")).match("/offline/conversations.json");
        return index ? ((await index.json()) as unknown[]).length : 0;
      });
    await expect.poll(kept, { timeout: 10_000 }).toBe(1);

    await page.context().setOffline(true);
    await page.reload();
    await page.getByRole("heading", { name: "You are offline" }).waitFor();
    await page.getByRole("button", { name: "#general" }).waitFor();
    const conversation = page.getByRole("region", { name: "#general" });
    await conversation.getByText("Boats leave at noon").waitFor();
    await conversation.getByText("Bring a coat").waitFor();
    await snap(page, "installable-01-offline");

    // Back online, the offline page loads the conversation again by itself.
    await page.context().setOffline(false);
    await messageText(page, "Bring a coat").waitFor({ timeout: 20_000 });
    expect(violations).toEqual([]);
  });

  it("offers desktop notifications for this device in the account settings", async () => {
    await page.getByRole("button", { name: "Account settings" }).click();
    await page.getByRole("tab", { name: "Notifications" }).click();
    await page.getByRole("switch", { name: "Desktop notifications on this device" }).waitFor();
    await snap(page, "installable-02-notifications-setting");
  });

  it("shows a push as a notification, unless the window shows that conversation and has the focus", async () => {
    await page.keyboard.press("Escape");
    await page.context().grantPermissions(["notifications"], { origin: server.url });
    const cdp = await page.context().newCDPSession(page);
    const registrationId = new Promise<string>((resolve) => {
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((registration) => registration.scopeURL === `${server.url}/` && !registration.isDeleted);
        if (ours) resolve(ours.registrationId);
      });
    });
    await cdp.send("ServiceWorker.enable");
    // What the push service would hand the worker, as packages/api's delivery sends it.
    const push = async (payload: object) =>
      cdp.send("ServiceWorker.deliverPushMessage", { origin: server.url, registrationId: await registrationId, data: JSON.stringify(payload) });
    const shown = () =>
      page.evaluate(async () => (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => `${n.title}: ${n.body}`));
    const here = new URL(page.url()).pathname;
    expect(await page.evaluate(() => document.hasFocus() && document.visibilityState === "visible")).toBe(true);

    await push({ title: "bo", body: "in the channel you are reading", url: here, tag: "channel-here" });
    await push({ title: "bo mentioned you in #elsewhere", body: "look", url: "/channels/1/2", tag: "channel-2" });
    await expect.poll(shown, { timeout: 10_000 }).toEqual(["bo mentioned you in #elsewhere: look"]);
  });
});
