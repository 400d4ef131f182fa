/**
 * Files in real Chromium against the production server (files on its disk): an image pasted into
 * the composer goes alone and reaches the other member live at its reserved size, its blurred
 * placeholder shown until its thumbnail has loaded, and opens in the lightbox (the original) with
 * its download link; a file chosen with the picker shows as a card whose download returns its
 * bytes; a file over the server's limit is refused on its chip. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { seriousViolations } from "./support/accessibility";
import { composer, launchChromium, logIn, snap } from "./support/browser";
import { SEED_PASSWORD } from "./support/seed";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };
/** Small enough to pass a file over it quickly. */
const UPLOAD_MAX_BYTES = 1024 * 1024;

const stage = useTwoPeople({
  server: { name: "Darkroom", inviteCode: "darkroomIn", channels: ["general"] },
  owner: "iris",
  member: "felix",
  label: "attachments",
  env: { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES) },
});
let iris: Page;
let felix: Page;
beforeAll(() => {
  ({ owner: iris, member: felix } = stage);
});

/** Pastes into the composer a 640 × 480 PNG drawn in the page, as a copied screenshot arrives. */
async function pasteImage(page: Page, name: string) {
  await composer(page).evaluate(async (box, filename) => {
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [640, 480];
    const context = canvas.getContext("2d")!;
    const sky = context.createLinearGradient(0, 0, 0, 480);
    sky.addColorStop(0, "#f4a261");
    sky.addColorStop(1, "#264653");
    context.fillStyle = sky;
    context.fillRect(0, 0, 640, 480);
    context.fillStyle = "#e9c46a";
    context.beginPath();
    context.arc(320, 300, 80, 0, Math.PI * 2);
    context.fill();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((png) => resolve(png!), "image/png"));
    const data = new DataTransfer();
    data.items.add(new File([blob], filename, { type: "image/png" }));
    box.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, name);
}

const image = (page: Page) => page.locator("article[data-message-id] [data-attachment-image]");
const card = (page: Page) => page.locator("article[data-message-id] [data-attachment-file]");

describe("attachments in Chromium", () => {
  it("a pasted image goes alone and reaches the other member live, its size reserved, its placeholder shown until its thumbnail loads", async () => {
    await stage.enter();
    // Felix's thumbnails wait until the placeholder has been seen: no race with a fast local server.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const thumbnails: string[] = [];
    const isThumbnail = (url: URL) => url.pathname.startsWith("/api/attachments/") && url.searchParams.has("size");
    await felix.route(
      isThumbnail,
      async (route) => {
        thumbnails.push(route.request().url());
        await held;
        await route.continue();
      },
    );
    await pasteImage(iris, "sunset.png");
    await iris.locator("[data-pending-file=done]").waitFor(LIVE);
    expect(await iris.locator("[data-pending-file] img").count()).toBe(1);
    expect(await seriousViolations(iris)).toEqual([]);
    await snap(iris, "attachments-00-iris-pending");
    await composer(iris).press("Enter");
    await iris.locator("[data-pending-file]").waitFor({ state: "detached", ...LIVE });

    const seen = image(felix);
    await seen.waitFor(LIVE);
    // 640 × 480 fits the 400 × 300 box exactly, and is that size before it has loaded.
    const box = await seen.getByRole("button", { name: "Open image sunset.png" }).boundingBox();
    expect(box).toMatchObject({ width: 400, height: 300 });
    const picture = seen.getByRole("img", { name: "sunset.png" });
    expect(await picture.getAttribute("loading")).toBe("lazy");
    const placeholder = seen.locator("[data-attachment-placeholder]");
    expect(await placeholder.evaluate((layer) => getComputedStyle(layer).backgroundImage)).toMatch(/^url\("data:image\/webp;base64,/);
    await snap(felix, "attachments-01-felix-placeholder");
    release();
    // The thumbnail the 400 px box needs (the original is 640 wide), and the placeholder gone once it has loaded.
    await felix.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>("[data-attachment-image] img");
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await picture.evaluate((img: HTMLImageElement) => [new URL(img.currentSrc).search, img.naturalWidth])).toEqual(["?size=400", 400]);
    expect(thumbnails).toEqual([expect.stringMatching(/\/api\/attachments\/\d+\/sunset\.png\?size=400$/)]);
    await placeholder.waitFor({ state: "detached", ...LIVE });
    await felix.unroute(isThumbnail);
    expect(await seen.getByRole("button", { name: "Open image sunset.png" }).boundingBox()).toMatchObject({ width: 400, height: 300 });
    // Files alone: no empty line of text above them.
    expect(await felix.locator("article[data-message-id]", { has: seen }).locator("[data-message-text]").count()).toBe(0);
    expect(await seriousViolations(felix)).toEqual([]);
    await snap(felix, "attachments-01-felix-image");
  });

  it("the image opens in a lightbox with a download link, and closing gives the focus back", async () => {
    const opener = image(felix).getByRole("button", { name: "Open image sunset.png" });
    await opener.click();
    const lightbox = felix.getByRole("dialog", { name: "sunset.png" });
    await lightbox.waitFor(LIVE);
    // The lightbox shows the original, not a thumbnail.
    await felix.waitForFunction(() => document.querySelector<HTMLImageElement>("dialog[open] img")?.naturalWidth === 640);
    const download = lightbox.getByRole("link", { name: "Download sunset.png" });
    expect(await download.getAttribute("href")).toMatch(/^\/api\/attachments\/\d+\/sunset\.png\?download=1$/);
    const zoom = lightbox.getByRole("button", { name: "Zoom to actual size" });
    expect(await zoom.getAttribute("aria-pressed")).toBe("false");
    expect(await seriousViolations(felix)).toEqual([]);
    await snap(felix, "attachments-02-felix-lightbox");
    await zoom.click();
    expect(await zoom.getAttribute("aria-pressed")).toBe("true");
    await felix.keyboard.press("Escape");
    await lightbox.waitFor({ state: "detached", ...LIVE });
    expect(await opener.evaluate((element) => element === document.activeElement)).toBe(true);

    await opener.click();
    await lightbox.getByRole("button", { name: "Close" }).click();
    await lightbox.waitFor({ state: "detached", ...LIVE });
  });

  it("a file chosen with the picker shows as a card, and its download returns its bytes", async () => {
    const text = "Developer: 4 min at 20 °C\nStop bath: 30 s\nFixer: 5 min\n";
    await iris.locator("input[type=file]").setInputFiles({ name: "times.txt", mimeType: "text/plain", buffer: Buffer.from(text) });
    await iris.locator("[data-pending-file=done]").waitFor(LIVE);
    await composer(iris).fill("The times for Saturday");
    await composer(iris).press("Enter");

    const seen = card(felix);
    await seen.waitFor(LIVE);
    expect(await seen.textContent()).toContain("times.txt");
    expect(await seen.textContent()).toContain(`${Buffer.byteLength(text)} bytes`);
    const href = await seen.getByRole("link", { name: "Download times.txt" }).getAttribute("href");
    const response = await felix.context().request.get(new URL(href!, stage.app.url).href);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-disposition"]).toMatch(/^attachment/);
    expect(await response.text()).toBe(text);
    expect(await seriousViolations(felix)).toEqual([]);
    await snap(felix, "attachments-03-felix-card");
  });

  it("files dragged over the conversation show where to drop them, and dropping adds them", async () => {
    const drag = (type: string) =>
      iris.getByRole("region", { name: "Messages in #general" }).evaluate((list, eventType) => {
        const data = new DataTransfer();
        data.items.add(new File(["frame 12 is the one"], "contact-sheet.txt", { type: "text/plain" }));
        list.dispatchEvent(new DragEvent(eventType, { dataTransfer: data, bubbles: true, cancelable: true }));
      }, type);
    await drag("dragenter");
    await drag("dragover");
    const zone = iris.locator("[data-drop-zone]");
    await zone.waitFor(LIVE);
    expect(await zone.textContent()).toBe("Drop files to send them to #general");
    await snap(iris, "attachments-04-iris-drop-zone");
    await drag("drop");
    await zone.waitFor({ state: "detached", ...LIVE });
    await iris.locator("[data-pending-file=done]", { hasText: "contact-sheet.txt" }).waitFor(LIVE);
    await iris.getByRole("button", { name: "Remove contact-sheet.txt" }).click();
    await iris.locator("[data-pending-file]").waitFor({ state: "detached", ...LIVE });
    // Dropped beside the conversation, a file is not opened by the browser in place of the app.
    const opened = await iris.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["not here"], "stray.txt", { type: "text/plain" }));
      const drop = new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true });
      document.body.dispatchEvent(drop);
      return !drop.defaultPrevented;
    });
    expect(opened).toBe(false);
    expect(await iris.locator("[data-pending-file]").count()).toBe(0);
  });

  it("a file over the server's limit is refused on its chip, and taking it off lets the message go", async () => {
    await iris.locator("input[type=file]").setInputFiles({
      name: "scan.tiff",
      mimeType: "image/tiff",
      buffer: Buffer.alloc(UPLOAD_MAX_BYTES + 1),
    });
    const chip = iris.locator("[data-pending-file=failed]");
    await chip.waitFor(LIVE);
    expect(await chip.getByRole("alert").textContent()).toBe("This file is too large to upload.");
    await composer(iris).fill("Too big, sorry");
    expect(await iris.getByRole("button", { name: "Send message" }).isDisabled()).toBe(true);
    await chip.getByRole("button", { name: "Remove scan.tiff" }).click();
    await composer(iris).press("Enter");
    await felix.getByRole("article").filter({ hasText: "Too big, sorry" }).waitFor(LIVE);
  });

  it("looks right on a phone", async () => {
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const phone = await context.newPage();
      await logIn(phone, stage.app.url, "felix@example.com", SEED_PASSWORD);
      await phone.getByRole("link", { name: /^Darkroom/ }).first().click();
      await image(phone).waitFor(LIVE);
      await image(phone).scrollIntoViewIfNeeded();
      // The box narrows to the screen, its aspect kept, and nothing scrolls sideways.
      const box = (await image(phone).getByRole("button").boundingBox())!;
      expect(box.x).toBeGreaterThan(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      expect(box.width / box.height).toBeCloseTo(4 / 3, 1);
      const list = phone.getByRole("region", { name: "Messages in #general" });
      expect(await list.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
      await snap(phone, "attachments-05-phone");
      await image(phone).getByRole("button").tap();
      await phone.getByRole("dialog", { name: "sunset.png" }).waitFor(LIVE);
      await snap(phone, "attachments-06-phone-lightbox");
    } finally {
      await browser.close();
    }
  });
});
