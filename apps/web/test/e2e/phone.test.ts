/**
 * The app on a phone (390 × 844, touch) in real Chromium against the production server: the
 * servers and channels, and the member list, are panels over the conversation, brought in and put
 * away by swipes; what a finger taps is at least 44 px; the composer stays in view when the
 * keyboard takes half the screen; axe finds nothing serious. Screenshots: test-results/e2e (the
 * README shows phone-01-channel as docs/phone.png).
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { seriousViolations } from "./support/accessibility";
import { composer, launchChromium, logIn, messageText, send, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createMessages, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };
const PHONE = { width: 390, height: 844 };
/** WCAG 2.5.5's target size, and Apple's and Google's. */
const FINGER = 44;

let server: AppServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["mia", "noah"]);
        const channels = await createServer(db, {
          name: "Pocket Club",
          inviteCode: "pocketInv1",
          owner: people.get("mia")!,
          members: [people.get("noah")!],
          channels: ["general", "photos"],
        });
        const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
        await createMessages(db, channels.get("general")!, [
          { authorId: people.get("noah")!, content: "Anyone up for the **market** on Saturday?", at: minutesAgo(12) },
          { authorId: people.get("mia")!, content: "Yes! 9 am at the fountain?", at: minutesAgo(9) },
          { authorId: people.get("noah")!, content: "Perfect, I'll bring the big basket", at: minutesAgo(8) },
        ]);
      }),
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true })).newPage();
}, 600_000);

afterEach(({ task }) => snapFailure("phone", task, { page }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** A quick horizontal swipe across the middle of the screen, as touch events (Chromium's DevTools protocol). */
async function swipe(direction: "left" | "right") {
  const y = PHONE.height / 2;
  const [from, to] = direction === "right" ? [40, 320] : [350, 70];
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [{ x: from, y }] });
  for (let step = 1; step <= 5; step += 1) {
    await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: [{ x: from + ((to - from) * step) / 5, y }] });
  }
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

const channelList = () => page.getByRole("navigation", { name: "Text channels" });
const memberList = () => page.getByRole("complementary", { name: "Members" });

/** A finger held still on an element for a second, as touch events. */
async function longPress(selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  const point = { x: box.x + box.width / 3, y: box.y + box.height / 2 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [point] });
  await page.waitForTimeout(1000);
  await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
  await cdp.detach();
}

/** The smallest side of each visible element the locator finds, by its accessible name or text. */
async function smallestSides(selector: string) {
  return page.locator(selector).evaluateAll((elements) =>
    elements
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0)
      .map(({ element, box }) => ({ name: element.getAttribute("aria-label") ?? element.textContent?.trim() ?? "", side: Math.min(box.width, box.height) })),
  );
}

describe("on a phone in Chromium", () => {
  it("a swipe to the right brings in the servers; a server opens on its channel, the conversation filling the screen", async () => {
    await logIn(page, server.url, "mia@example.com", SEED_PASSWORD);
    await swipe("right");
    await page.getByRole("link", { name: "Pocket Club" }).first().click();
    await composer(page).waitFor(LIVE);
    await messageText(page, "big basket").waitFor(LIVE);
    // The panels went away: the conversation has the screen.
    expect(await channelList().isVisible()).toBe(false);
    expect(await memberList().count()).toBe(0);
    await send(page, "See you there 🧺");
    await messageText(page, "See you there").waitFor(LIVE);
    await snap(page, "phone-01-channel");
  });

  it("every button of the header and the composer is in view and at least 44 px", async () => {
    // The channel's header and the composer (names in messages are inline text, which WCAG exempts).
    const sides = await smallestSides("main > header button, main form button");
    expect(sides.length).toBeGreaterThan(2);
    expect(sides.filter(({ side }) => side < FINGER)).toEqual([]);
    const rightEdges = await page.locator("main > header button").evaluateAll((buttons) => buttons.map((button) => button.getBoundingClientRect().right));
    expect(Math.max(...rightEdges)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole("button", { name: "Show member list" }).waitFor(LIVE);
  });

  it("a swipe to the left brings in the member list, a swipe to the right puts it away", async () => {
    await swipe("left");
    await memberList().waitFor(LIVE);
    await memberList().locator('li[data-user="noah"]').waitFor(LIVE);
    await snap(page, "phone-02-members");
    await swipe("right");
    await memberList().waitFor({ state: "detached", ...LIVE });
    // Only the member list went: the channels did not come in with the same swipe.
    expect(await channelList().isVisible()).toBe(false);
  });

  it("a swipe to the right brings in the channels, each a finger's height", async () => {
    await swipe("right");
    await channelList().waitFor(LIVE);
    const rows = await smallestSides('nav[aria-label="Text channels"] a');
    expect(rows.map(({ name }) => name)).toEqual(expect.arrayContaining([expect.stringContaining("general"), expect.stringContaining("photos")]));
    expect(rows.filter(({ side }) => side < FINGER)).toEqual([]);
    await snap(page, "phone-03-channels");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("with no hover, the open channel's edit button is in sight and a long press edits any channel; choosing one puts them away", async () => {
    const edit = channelList().getByRole("button", { name: "Edit channel general" });
    expect(await edit.evaluate((button) => getComputedStyle(button).opacity)).toBe("1");
    expect(Math.min(...Object.values((await edit.boundingBox())!).slice(2))).toBeGreaterThanOrEqual(FINGER);
    await edit.tap();
    await page.getByRole("dialog", { name: "Edit channel" }).getByText("#general").waitFor(LIVE);
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached", ...LIVE });
    await longPress('nav[aria-label="Text channels"] li[data-channel-id]:has-text("photos")');
    await page.getByRole("dialog", { name: "Edit channel" }).getByText("#photos").waitFor(LIVE);
    await snap(page, "phone-05-edit-channel");
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached", ...LIVE });
    await channelList().getByRole("link", { name: /^photos/ }).click();
    await page.getByRole("textbox", { name: "Message #photos" }).waitFor(LIVE);
    await expect.poll(() => channelList().isVisible(), LIVE).toBe(false);
  });

  it("the composer stays in view when the keyboard takes half the screen, and axe finds nothing serious", async () => {
    expect(await page.locator('meta[name="viewport"]').getAttribute("content")).toContain("interactive-widget=resizes-content");
    await page.setViewportSize({ width: PHONE.width, height: 420 });
    await composer(page).click();
    await expect.poll(async () => (await composer(page).boundingBox())!.y + (await composer(page).boundingBox())!.height, LIVE).toBeLessThanOrEqual(420);
    await snap(page, "phone-04-keyboard");
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
  });
});
