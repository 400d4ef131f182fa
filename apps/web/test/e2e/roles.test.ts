/**
 * Custom roles in real Chromium against the production server: the owner creates "Mods" with
 * Manage Messages in the Roles tab, colours it, gives it to a member and drags a role above it;
 * that member then sees (live) and uses the delete button on another member's message, and their
 * name takes the role's colour. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { desktopPage, launchChromium, logIn, messageText, openServer, send, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };
/** #e91e63 from the palette, as Chromium computes it. */
const PINK = "rgb(233, 30, 99)";

let server: AppServer;
let browser: Browser;
let owner: Page;
let mod: Page;
let author: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["olive", "mallory", "pete"]);
        await createServer(db, {
          name: "Garden Club",
          inviteCode: "rolesInvite1",
          owner: people.get("olive")!,
          members: [people.get("mallory")!, people.get("pete")!],
          channels: ["general"],
        });
      }),
  });
  browser = await launchChromium();
  [owner, mod, author] = await Promise.all([desktopPage(browser), desktopPage(browser), desktopPage(browser)]);
}, 600_000);

afterEach(({ task }) => snapFailure("roles", task, { owner, mod, author }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const roleRows = (page: Page) => page.getByRole("list", { name: "Roles, highest first" }).locator("li[data-role]");
const colourOf = (locator: ReturnType<Page["locator"]>) => locator.evaluate((element) => getComputedStyle(element).color);

describe("roles in Chromium", () => {
  it("the owner creates Mods with Manage Messages and a colour in the Roles tab, and gives it to a member", async () => {
    await Promise.all([
      logIn(owner, server.url, "olive@example.com", SEED_PASSWORD),
      logIn(mod, server.url, "mallory@example.com", SEED_PASSWORD),
      logIn(author, server.url, "pete@example.com", SEED_PASSWORD),
    ]);
    await Promise.all([owner, mod, author].map((page) => openServer(page, "Garden Club")));
    await send(author, "Cheap seeds at example.com!!!");
    const spam = messageText(mod, "Cheap seeds");
    await spam.waitFor(LIVE);
    await spam.hover();
    expect(await spam.getByRole("button", { name: "Delete message" }).count()).toBe(0);

    await owner.getByRole("button", { name: "Server settings" }).click();
    await owner.getByRole("tab", { name: "Roles" }).click();
    await owner.getByRole("button", { name: "Create role" }).click();
    await owner.getByRole("heading", { name: "Edit role — new role" }).waitFor(LIVE);
    await owner.getByLabel("Role name").fill("Mods");
    await owner.getByRole("button", { name: "#e91e63" }).click();
    await owner.getByRole("switch", { name: "Display role members separately from online members" }).click();
    await snap(owner, "roles-01-display");
    await owner.getByRole("tab", { name: "Permissions" }).click();
    await owner.getByRole("switch", { name: "Manage Messages" }).click();
    await snap(owner, "roles-02-permissions");
    await owner.getByRole("button", { name: "Save changes" }).click();
    await owner.getByRole("heading", { name: "Edit role — Mods" }).waitFor(LIVE);
    await owner.getByRole("region", { name: "Unsaved changes" }).waitFor({ state: "detached", ...LIVE });

    await owner.getByRole("tab", { name: "Manage members" }).click();
    await owner.getByLabel("Add a member to Mods").selectOption({ label: "mallory" });
    await owner.getByRole("button", { name: "Add", exact: true }).click();
    await owner.getByRole("list", { name: "Members with Mods" }).getByText("mallory").waitFor(LIVE);
    await snap(owner, "roles-03-members");
  });

  it("a role dragged above another moves in the hierarchy", async () => {
    await owner.getByRole("button", { name: "Roles", exact: true }).click();
    await owner.getByRole("button", { name: "Create role" }).click();
    await owner.getByLabel("Role name").fill("Helpers");
    await owner.getByRole("button", { name: "#3498db" }).click();
    await owner.getByRole("button", { name: "Save changes" }).click();
    await owner.getByRole("heading", { name: "Edit role — Helpers" }).waitFor(LIVE);
    await owner.getByRole("button", { name: "Roles", exact: true }).click();
    // New roles start just above @everyone.
    await expect.poll(() => roleRows(owner).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-role"))), LIVE).toEqual(["Admin", "Mods", "Helpers"]);

    await roleRows(owner).filter({ hasText: "Helpers" }).dragTo(roleRows(owner).filter({ hasText: "Mods" }));
    await expect.poll(() => roleRows(owner).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-role"))), LIVE).toEqual(["Admin", "Helpers", "Mods"]);
    await snap(owner, "roles-04-list");
    await owner.reload();
    await owner.getByRole("button", { name: "Server settings" }).click();
    await owner.getByRole("tab", { name: "Roles" }).click();
    await expect.poll(() => roleRows(owner).evaluateAll((rows) => rows.map((row) => row.getAttribute("data-role"))), LIVE).toEqual(["Admin", "Helpers", "Mods"]);
    await owner.keyboard.press("Escape");
  });

  it("the member with Mods deletes another member's message, and their name takes the role's colour", async () => {
    const spam = messageText(mod, "Cheap seeds");
    await spam.hover();
    // Given live: no reload since the role came.
    await spam.getByRole("button", { name: "Delete message" }).click(LIVE);
    await mod.getByRole("dialog", { name: "Delete message" }).getByRole("button", { name: "Delete" }).click();
    await messageText(author, "Cheap seeds").waitFor({ state: "detached", ...LIVE });

    await send(mod, "Cleaned up the spam");
    const signed = messageText(author, "Cleaned up the spam").getByRole("button", { name: "mallory", exact: true });
    await signed.waitFor(LIVE);
    expect(await colourOf(signed)).toBe(PINK);
    // In the member list: under the hoisted Mods, in its colour.
    const name = author.getByRole("region", { name: "Mods" }).locator('li[data-user="mallory"]').getByText("mallory", { exact: true });
    await name.waitFor(LIVE);
    expect(await colourOf(name)).toBe(PINK);
    await snap(author, "roles-05-coloured-names");
  });
});
