/**
 * Custom emoji in real Chromium: the owner uploads one in server settings, writes `:name:` in a
 * message (taking the composer's suggestion), and the member sees it live as an image (large when alone), then reacts with it from
 * the picker's server section; the owner sees the reaction live. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import { seriousViolations } from "./support/accessibility";
import { composer, send, snap } from "./support/browser";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

const stage = useTwoPeople({
  server: { name: "Emporium", inviteCode: "emporiumIn", channels: ["general"] },
  owner: "nadia",
  member: "oscar",
  label: "emojis",
});
let nadia: Page;
let oscar: Page;
beforeAll(() => {
  ({ owner: nadia, member: oscar } = stage);
});

const stored = (page: Page, text: string) =>
  page.locator("article[data-message-id]").filter({ has: page.locator("[data-message-text]", { hasText: text }) });

/** Chooses a 96 × 96 PNG drawn in the page (a smiling face) in the file input labelled `label`. */
async function chooseDrawnImage(page: Page, label: string, filename: string) {
  await page.getByLabel(label).evaluate(async (input: HTMLInputElement, name) => {
    const canvas = document.createElement("canvas");
    [canvas.width, canvas.height] = [96, 96];
    const context = canvas.getContext("2d")!;
    context.fillStyle = "#f9c74f";
    context.beginPath();
    context.arc(48, 48, 44, 0, Math.PI * 2);
    context.fill();
    context.fillStyle = "#3a2e1f";
    for (const x of [32, 64]) {
      context.beginPath();
      context.arc(x, 38, 7, 0, Math.PI * 2);
      context.fill();
    }
    context.lineWidth = 6;
    context.strokeStyle = "#3a2e1f";
    context.beginPath();
    context.arc(48, 52, 24, 0.15 * Math.PI, 0.85 * Math.PI);
    context.stroke();
    const blob = await new Promise<Blob>((resolve) => canvas.toBlob((png) => resolve(png!), "image/png"));
    const data = new DataTransfer();
    data.items.add(new File([blob], name, { type: "image/png" }));
    input.files = data.files;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }, filename);
}

describe("custom emoji in Chromium", () => {
  it("the owner uploads an emoji in server settings", async () => {
    await stage.enter();
    await nadia.getByRole("button", { name: "Server settings" }).click();
    await nadia.getByRole("tab", { name: "Emoji" }).click();
    await chooseDrawnImage(nadia, "Image (PNG, JPEG, GIF or WebP, at most 256 KiB)", "happy_face.png");
    // The name comes from the file's.
    expect(await nadia.getByRole("textbox", { name: "Name" }).inputValue()).toBe("happy_face");
    await nadia.getByRole("button", { name: "Upload emoji" }).click();
    const row = nadia.locator("[data-emoji-row=happy_face]");
    await row.waitFor(LIVE);
    await nadia.waitForFunction(() => document.querySelector<HTMLImageElement>("[data-emoji-row=happy_face] img")?.naturalWidth === 96);
    expect(await nadia.getByTestId("emoji-counts").textContent()).toBe("1 / 50 static · 0 / 50 animated");
    expect(await seriousViolations(nadia)).toEqual([]);
    await snap(nadia, "emojis-00-nadia-settings");
    await nadia.keyboard.press("Escape");
    await nadia.getByRole("tab", { name: "Emoji" }).waitFor({ state: "detached" });
  });

  it(":name: goes out as the emoji (suggested as it is typed); the member sees it live, large when alone", async () => {
    await composer(nadia).fill("Welcome everyone :hap");
    const suggestion = nadia.getByRole("listbox", { name: "Matching server emoji" }).getByRole("option", { name: ":happy_face:" });
    await suggestion.waitFor();
    await snap(nadia, "emojis-01-nadia-suggestion");
    await composer(nadia).press("Enter");
    expect(await composer(nadia).inputValue()).toBe("Welcome everyone :happy_face: ");
    await composer(nadia).press("Enter");
    const line = stored(oscar, "Welcome everyone");
    const inline = line.getByRole("img", { name: ":happy_face:" });
    await inline.waitFor(LIVE);
    await oscar.waitForFunction(() => [...document.querySelectorAll<HTMLImageElement>("[data-message-text] img")].some((image) => image.naturalWidth === 96));
    const small = await inline.boundingBox();
    expect(small!.height).toBeGreaterThan(18);
    expect(small!.height).toBeLessThan(26);

    await send(nadia, ":happy_face:");
    // Alone in its message: 3em (48 px at 16 px text), as Discord's jumbo emoji.
    const large = () => [...document.querySelectorAll<HTMLImageElement>("[data-message-text] img")].some((image) => image.getBoundingClientRect().height >= 44);
    await oscar.waitForFunction(large, undefined, LIVE);
    await snap(oscar, "emojis-02-oscar-message");
  });

  it("the member reacts with it from the picker; the owner sees the reaction live", async () => {
    const message = stored(oscar, "Welcome everyone");
    await message.hover();
    await message.getByRole("button", { name: "Add reaction", exact: true }).click();
    const picker = oscar.getByRole("dialog", { name: "Pick a reaction" });
    await picker.getByRole("searchbox", { name: "Search the server's emoji" }).fill("happy");
    await snap(oscar, "emojis-03-oscar-picker");
    await picker.getByRole("button", { name: "React with :happy_face:" }).click();
    await picker.waitFor({ state: "detached" });

    const chip = stored(nadia, "Welcome everyone").getByRole("button", { name: /^:happy_face: 1/ });
    await chip.waitFor(LIVE);
    expect(await chip.getAttribute("aria-pressed")).toBe("false");
    expect(await chip.getByRole("img", { name: ":happy_face:" }).count()).toBe(1);
    expect(await seriousViolations(nadia)).toEqual([]);
    await snap(nadia, "emojis-04-nadia-reaction");
  });
});
