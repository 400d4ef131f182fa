/**
 * A private channel in real Chromium against the production server: the owner turns on "Private
 * channel" in the channel's Permissions tab; a member who had it open loses it live (it leaves
 * their sidebar without a reload, and what is said there never shows), then the owner allows the
 * Planners role to view it and the member holding that role sees it appear, locked, live; its
 * member list leaves out who cannot see it; a mention of her takes the role's colour; in a
 * channel's Permissions tab, the flags she does not hold herself are greyed, saying why; and a
 * public channel denied to one member drops him from the member list others have open, live.
 * Screenshots: test-results/e2e.
 */
import { and, eq, memberRoles, nextId, roles } from "@chat/db";
import { Permission } from "@chat/policy/permission-flags";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { desktopPage, launchChromium, logIn, messageText, openServer, send, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };

let server: AppServer;
let browser: Browser;
let owner: Page;
let planner: Page;
let outsider: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["olga", "paula", "otto"]);
        await createServer(db, {
          name: "Heist Crew",
          inviteCode: "privateInv1",
          owner: people.get("olga")!,
          members: [people.get("paula")!, people.get("otto")!],
          channels: ["general", "plans"],
        });
        // "Planners", held by paula, between @everyone and Admin; it grants Manage Roles, nothing more.
        const [everyone] = await db.select().from(roles).where(eq(roles.name, "@everyone"));
        const serverId = everyone!.serverId;
        await db.update(roles).set({ position: 2 }).where(and(eq(roles.serverId, serverId), eq(roles.builtIn, "admin")));
        const planners = nextId();
        await db.insert(roles).values({ id: planners, serverId, name: "Planners", position: 1, colour: 0x3498db, permissions: Permission.MANAGE_ROLES });
        await db.insert(memberRoles).values({ serverId, userId: people.get("paula")!, roleId: planners });
      }),
  });
  browser = await launchChromium();
  [owner, planner, outsider] = await Promise.all([desktopPage(browser), desktopPage(browser), desktopPage(browser)]);
}, 600_000);

afterEach(({ task }) => snapFailure("private", task, { owner, planner, outsider }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Text channels" });
const row = (page: Page, name: string) => sidebar(page).locator("li[data-channel-id]").filter({ hasText: name });
/** The channel's settings on their Permissions tab. */
async function openPermissions(page: Page, channel: string) {
  await row(page, channel).hover();
  await page.getByRole("button", { name: `Edit channel ${channel}` }).click();
  await page.getByRole("tab", { name: "Permissions" }).click();
}
/** In the Permissions tab: the overwrite of a role or member, added to the list if it was not there. */
async function overwriteOf(page: Page, target: string) {
  await page.getByLabel("Add a role or member").selectOption({ label: target });
  const permissions = page.getByRole("region", { name: `Permissions of ${target}` });
  await permissions.waitFor(LIVE);
  return permissions;
}
/** Opens a channel, done once its composer names it: a send before that would go to the channel left. */
async function open(page: Page, name: string) {
  await sidebar(page).getByRole("link", { name: new RegExp(`^${name}`) }).click();
  await page.getByRole("textbox", { name: `Message #${name}` }).waitFor(LIVE);
}

describe("private channels in Chromium", () => {
  it("the owner makes #plans private: the outsider who had it open loses it live, the owner sees a lock", async () => {
    await Promise.all([
      logIn(owner, server.url, "olga@example.com", SEED_PASSWORD),
      logIn(planner, server.url, "paula@example.com", SEED_PASSWORD),
      logIn(outsider, server.url, "otto@example.com", SEED_PASSWORD),
    ]);
    await Promise.all([owner, planner, outsider].map((page) => openServer(page, "Heist Crew")));
    for (const page of [owner, outsider]) await open(page, "plans");
    await send(owner, "the public part of the plan");
    await messageText(outsider, "the public part").waitFor(LIVE);

    await openPermissions(owner, "plans");
    const privateSwitch = owner.getByRole("switch", { name: "Private channel" });
    await privateSwitch.click();
    await expect.poll(() => privateSwitch.getAttribute("aria-checked"), LIVE).toBe("true");
    await owner.getByRole("list", { name: "Overwrites" }).getByText("@everyone").waitFor(LIVE);
    await snap(owner, "private-01-switch");

    // Gone from both members' sidebars, without a reload.
    await row(outsider, "plans").waitFor({ state: "detached", ...LIVE });
    await row(planner, "plans").waitFor({ state: "detached", ...LIVE });
    await owner.keyboard.press("Escape");
    await row(owner, "plans").and(owner.locator("[data-private]")).waitFor(LIVE);
    await snap(owner, "private-02-owner-lock");

    await send(owner, "the secret part of the plan");
    await messageText(owner, "the secret part").waitFor(LIVE);
    // Still on the route of #plans, the outsider is shown nothing of it.
    await outsider.waitForTimeout(1000);
    expect(await outsider.getByText("the secret part").count()).toBe(0);
    await snap(outsider, "private-03-outsider-on-lost-channel");
    await open(owner, "general");
    await send(owner, "nothing to see in plans");
    await open(outsider, "general");
    await messageText(outsider, "nothing to see").waitFor(LIVE);
    expect(await outsider.getByText("the secret part").count()).toBe(0);
    expect(await sidebar(outsider).innerText()).not.toContain("plans");
    await snap(outsider, "private-03-outsider-general");
  });

  it("the owner allows the Planners role to view it: paula sees it appear, locked, live; otto still does not", async () => {
    await openPermissions(owner, "plans");
    const permissions = await overwriteOf(owner, "Planners");
    await permissions.getByRole("radiogroup", { name: "View Channels" }).getByRole("radio", { name: "Allow" }).click();
    await expect.poll(() => permissions.getByRole("radiogroup", { name: "View Channels" }).getByRole("radio", { name: "Allow" }).getAttribute("aria-checked"), LIVE).toBe("true");
    await snap(owner, "private-04-role-allowed");

    await row(planner, "plans").and(planner.locator("[data-private]")).waitFor(LIVE);
    await open(planner, "plans");
    await messageText(planner, "the secret part").waitFor(LIVE);
    await snap(planner, "private-05-planner");
    expect(await row(outsider, "plans").count()).toBe(0);
    await owner.keyboard.press("Escape");
  });

  it("a mention of paula takes her role's colour for the others", async () => {
    await open(owner, "plans");
    // Its member list holds only those who can see it: not otto.
    const listed = () => owner.getByRole("complementary", { name: "Members" }).locator("li[data-user]").evaluateAll((items) => items.map((item) => item.getAttribute("data-user")).sort());
    await expect.poll(listed, LIVE).toEqual(["olga", "paula"]);
    await send(owner, "@paula you are in");
    const mention = owner.locator('[data-mention="paula"]');
    await mention.waitFor(LIVE);
    expect(await mention.evaluate((element) => getComputedStyle(element).color)).toBe("rgb(52, 152, 219)");
    await snap(owner, "private-06-mention");
  });

  it("paula, with Manage Roles only, finds greyed the flags she does not hold, with the reason", async () => {
    await open(planner, "general");
    await openPermissions(planner, "general");
    const permissions = await overwriteOf(planner, "@everyone");
    const allow = (flag: string) => permissions.getByRole("radiogroup", { name: flag }).getByRole("radio", { name: "Allow" });
    expect(await allow("Manage Messages").isDisabled()).toBe(true);
    expect(await allow("Manage Messages").getAttribute("title")).toBe("You cannot grant permissions you do not have");
    expect(await allow("Send Messages").isDisabled()).toBe(false);
    await snap(planner, "private-07-greyed-flags");
    await planner.keyboard.press("Escape");
  });

  it("denying otto #general keeps it public, and the member list paula has open beside it drops him live", async () => {
    const listed = (page: Page) => page.getByRole("complementary", { name: "Members" }).locator("li[data-user]").evaluateAll((items) => items.map((item) => item.getAttribute("data-user")).sort());
    await expect.poll(() => listed(planner), LIVE).toEqual(["olga", "otto", "paula"]);
    await open(owner, "general");
    await openPermissions(owner, "general");
    await owner.getByLabel("Add a role or member").selectOption({ label: "@otto" });
    const permissions = owner.getByRole("region", { name: "Permissions of otto" });
    await permissions.getByRole("radiogroup", { name: "View Channels" }).getByRole("radio", { name: "Deny" }).click();
    await owner.keyboard.press("Escape");

    await expect.poll(() => listed(planner), LIVE).toEqual(["olga", "paula"]);
    expect(await row(planner, "general").and(planner.locator("[data-private]")).count()).toBe(0);
    await row(outsider, "general").waitFor({ state: "detached", ...LIVE });
    await snap(planner, "private-08-member-list-follows-overwrite");
  });
});
