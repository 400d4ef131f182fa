/**
 * Categories and channel order in real Chromium against the production server: the owner creates
 * a category and drags a channel into it; after a reload the order holds, and the member's open
 * page sees the reorder live, without a reload. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { desktopPage, hydrated, launchChromium, logIn, openServer, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };

let server: AppServer;
let browser: Browser;
let owner: Page;
let member: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["ines", "tomas"]);
        await createServer(db, {
          name: "Book Circle",
          inviteCode: "orderInvite1",
          owner: people.get("ines")!,
          members: [people.get("tomas")!],
          channels: ["general", "novels", "poetry"],
        });
      }),
  });
  browser = await launchChromium();
  owner = await desktopPage(browser);
  member = await desktopPage(browser);
}, 600_000);

afterEach(({ task }) => snapFailure("order", task, { owner, member }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Text channels" });
/** The sidebar as text: each group's name (or "-" for the uncategorised) and its channels in order. */
async function layout(page: Page): Promise<string[]> {
  return sidebar(page)
    .locator("section")
    .evaluateAll((sections) =>
      sections.map((section) => {
        const names = [...section.querySelectorAll("li a")].map((link) => link.textContent?.trim());
        return `${section.getAttribute("aria-label") === "Uncategorised channels" ? "-" : section.getAttribute("aria-label")}: ${names.join(" ")}`;
      }),
    );
}
async function expectLayout(page: Page, expected: string[]) {
  await expect.poll(() => layout(page), LIVE).toEqual(expected);
}

describe("channel order in Chromium", () => {
  it("the owner creates a category and drags a channel into it; the order survives a reload and reaches the member live", async () => {
    await logIn(owner, server.url, "ines@example.com", SEED_PASSWORD);
    await logIn(member, server.url, "tomas@example.com", SEED_PASSWORD);
    await openServer(owner, "Book Circle");
    await openServer(member, "Book Circle");
    await expectLayout(member, ["-: general novels poetry"]);
    expect(await sidebar(member).getByRole("button", { name: "Create category" }).count()).toBe(0);

    await sidebar(owner).getByRole("button", { name: "Create category" }).click();
    await owner.getByLabel("Category name").fill("Reading Room");
    await owner.getByRole("button", { name: "Create category" }).last().click();
    await expectLayout(owner, ["-: general novels poetry", "Reading Room: "]);
    // The member sees a category only once it holds a channel they can see.
    await expectLayout(member, ["-: general novels poetry"]);

    // Drop #poetry on the category's heading: it goes first in the category.
    await sidebar(owner).locator("li", { hasText: "poetry" }).dragTo(sidebar(owner).locator('[data-category-id]:has-text("Reading Room")'));
    await expectLayout(owner, ["-: general novels", "Reading Room: poetry"]);
    await expectLayout(member, ["-: general novels", "Reading Room: poetry"]);
    // Drop #general on the lower half of #poetry: after it.
    const poetry = sidebar(owner).locator("li", { hasText: "poetry" });
    const box = (await poetry.boundingBox())!;
    await sidebar(owner).locator("li", { hasText: "general" }).dragTo(poetry, { targetPosition: { x: box.width / 2, y: box.height - 3 } });
    await expectLayout(owner, ["-: novels", "Reading Room: poetry general"]);
    await expectLayout(member, ["-: novels", "Reading Room: poetry general"]);
    await snap(member, "order-01-member-sees-reorder");

    await owner.reload();
    await hydrated(owner);
    await expectLayout(owner, ["-: novels", "Reading Room: poetry general"]);

    // Keyboard: Alt+↑ on #general moves it above #poetry.
    await sidebar(owner).getByRole("link", { name: "general" }).focus();
    await owner.keyboard.press("Alt+ArrowUp");
    await expectLayout(owner, ["-: novels", "Reading Room: general poetry"]);
    await expectLayout(member, ["-: novels", "Reading Room: general poetry"]);

    // Collapsing is the member's own, kept across a reload.
    await sidebar(member).getByRole("button", { name: "Reading Room" }).click();
    await member.reload();
    await hydrated(member);
    await expect.poll(() => sidebar(member).getByRole("button", { name: "Reading Room" }).getAttribute("aria-expanded"), LIVE).toBe("false");
    await snap(owner, "order-02-owner-sidebar");
  });
});
