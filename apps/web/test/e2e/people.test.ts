/**
 * Friends and profiles in real Chromium against the production server (issue 17): two people
 * become friends from the Home view, each side seeing the other's step live; one edits their
 * profile; a block ends the friendship live, a request from the blocked person reads as one to a
 * name nobody has, and their messages in a server both are in collapse. In the server, a member picks a
 * nickname and the owner changes it: each shows in messages and the member list on the other side,
 * live. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
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
        await createServer(db, { name: "Bakery", inviteCode: "bakeryInvite1", owner: people.get("anabel")!, members: [people.get("bodhi")!], channels: ["general"] });
      }),
  });
  browser = await launchChromium();
  ana = await desktopPage(browser);
  bo = await desktopPage(browser);
}, 600_000);

afterEach(({ task }) => snapFailure("people", task, { ana, bo }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const friends = (page: Page) => page.getByRole("region", { name: "Friends" });
const members = (page: Page) => page.locator('aside[aria-label="Members"]');
const row = (page: Page, name: string) => friends(page).locator("li").filter({ hasText: name });

async function addFriend(page: Page, username: string) {
  await page.getByLabel("Username to add as a friend").fill(username);
  await page.getByRole("button", { name: "Send request" }).click();
}

describe("friends and profiles in Chromium", () => {
  it("a request and its acceptance show on both sides, live, and friends see each other online", async () => {
    await logIn(ana, server.url, "anabel@example.com", SEED_PASSWORD);
    await logIn(bo, server.url, "bodhi@example.com", SEED_PASSWORD);
    await friends(ana).getByText("No friends yet").waitFor(LIVE);

    await addFriend(ana, "BODHI");
    await ana.getByRole("status").filter({ hasText: "Friend request sent to bodhi." }).waitFor(LIVE);

    const pendingTab = friends(bo).getByRole("tab", { name: /pending/i });
    await pendingTab.getByText("1").waitFor(LIVE);
    await pendingTab.click();
    await row(bo, "anabel").getByText("Incoming friend request").waitFor(LIVE);
    await snap(bo, "people-01-incoming-request");
    await bo.getByRole("button", { name: "Accept anabel's request" }).click();

    // Both are connected: each shows under the other's Online tab, with a presence dot.
    await row(ana, "bodhi").getByText("Online").waitFor(LIVE);
    await row(ana, "bodhi").locator('[data-presence="online"]').waitFor(LIVE);
    await friends(bo).getByRole("tab", { name: /^all/i }).click();
    await row(bo, "anabel").waitFor(LIVE);
    await snap(ana, "people-02-friends");
  });

  it("edits a profile with a preview", async () => {
    await ana.getByRole("button", { name: "Account settings" }).click();
    await ana.getByRole("tab", { name: "Profile" }).click();
    await ana.getByLabel("Display name").fill("Ana Bell");
    await ana.getByLabel("Pronouns").fill("she/her");
    await ana.getByLabel("About me").fill("Bakes bread on Sundays.");
    await ana.getByRole("button", { name: "Save profile" }).click();
    const preview = ana.getByRole("article", { name: "Preview of your profile card" });
    await preview.getByText("Ana Bell").waitFor(LIVE);
    await preview.getByText("anabel · she/her").waitFor(LIVE);
    await snap(ana, "people-03-profile");
    await ana.keyboard.press("Escape");
    await bo.reload();
    await row(bo, "Ana Bell").waitFor(LIVE);
  });

  it("a block ends the friendship on both sides, live, and the blocked person cannot tell it from a typo", async () => {
    await bo.getByRole("button", { name: "Block Ana Bell" }).click();
    await friends(ana).getByText("No friends yet").waitFor(LIVE);
    await friends(bo).getByRole("tab", { name: /blocked/i }).click();
    await row(bo, "Ana Bell").getByRole("button", { name: "Unblock" }).waitFor(LIVE);

    await addFriend(ana, "bodhi");
    const blocked = await friends(ana).getByRole("alert").textContent(LIVE);
    await addFriend(ana, "nobody_here");
    await friends(ana).getByRole("alert").filter({ hasText: blocked ?? "" }).waitFor(LIVE);
    expect(blocked).toMatch(/not found/i);
  });

  it("messages from someone you blocked collapse until you choose to see them", async () => {
    await openServer(ana, "Bakery");
    await openServer(bo, "Bakery");
    await send(ana, "Fresh loaves at nine");
    await send(bo, "Coming!");
    await messageText(bo, "Coming!").waitFor(LIVE);
    const collapsed = bo.locator("[data-blocked-message]");
    await collapsed.waitFor(LIVE);
    expect(await messageText(bo, "Fresh loaves at nine").count()).toBe(0);
    await snap(bo, "people-04-blocked-message");
    await collapsed.getByRole("button", { name: "Show" }).click();
    await messageText(bo, "Fresh loaves at nine").waitFor(LIVE);
  });

  it("a name in a message opens the person's profile card", async () => {
    // Ana goes by her display name wherever she is named.
    await messageText(bo, "Fresh loaves at nine").getByRole("button", { name: "Ana Bell", exact: true }).click();
    const card = bo.getByRole("region", { name: "Profile of Ana Bell" });
    await card.getByText("anabel · she/her").waitFor(LIVE);
    await card.getByText("Bakes bread on Sundays.").waitFor(LIVE);
    await card.getByText("1 mutual server: Bakery").waitFor(LIVE);
    await card.getByText("Blocked").waitFor(LIVE);
    await snap(bo, "people-05-profile-card");
    await bo.keyboard.press("Escape");
    await card.waitFor({ state: "detached", ...LIVE });
  });

  it("a member's own nickname shows to the others in messages and the member list, live", async () => {
    const bodhi = members(bo).locator('li[data-user="bodhi"]');
    await bodhi.hover();
    await snap(bo, "people-06-member-actions");
    await bodhi.getByRole("button", { name: "Change nickname of bodhi" }).click();
    const dialog = bo.getByRole("dialog", { name: "Change nickname of bodhi" });
    await dialog.getByLabel("Nickname").fill("Bo the Baker");
    await snap(bo, "people-07-nickname-dialog");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden", ...LIVE });

    // Ana's tab follows without a reload: the name on Bo's message and in her member list.
    await messageText(ana, "Coming!").getByRole("button", { name: "Bo the Baker", exact: true }).waitFor(LIVE);
    await members(ana).locator('li[data-user="bodhi"]').getByText("Bo the Baker", { exact: true }).waitFor(LIVE);
    await send(bo, "Rye is ready");
    await messageText(ana, "Rye is ready").waitFor(LIVE);
    await snap(ana, "people-08-nickname-seen");
  });

  it("the owner changes a member's nickname from their profile card in the member list", async () => {
    await members(ana).locator('li[data-user="bodhi"]').getByRole("button", { name: "Bo the Baker", exact: true }).click();
    const card = ana.getByRole("region", { name: "Profile of bodhi" });
    await card.getByRole("button", { name: "Change nickname" }).waitFor(LIVE);
    await snap(ana, "people-09-profile-card-nickname");
    await card.getByRole("button", { name: "Change nickname" }).click();
    const dialog = ana.getByRole("dialog", { name: "Change nickname of bodhi" });
    await dialog.getByLabel("Nickname").fill("Dough Master");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden", ...LIVE });

    await members(bo).locator('li[data-user="bodhi"]').getByText("Dough Master", { exact: true }).waitFor(LIVE);
    await messageText(bo, "Coming!").getByRole("button", { name: "Dough Master", exact: true }).waitFor(LIVE);
    await messageText(ana, "Coming!").getByRole("button", { name: "Dough Master", exact: true }).waitFor(LIVE);
    await snap(bo, "people-10-nickname-by-owner");
  });
});
