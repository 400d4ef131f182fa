/**
 * DMs and groups in real Chromium against the production server (issue 17): two people become
 * friends and one opens a DM from the friends list; they talk live, with typing and a reaction,
 * and the DM sits on the other's Home with its unread count, and on the rail's Home tile while he is
 * in a server; muted, it raises nothing. A group with a third friend, renamed
 * by one of them; its owner removes the third, whose open view closes live. Someone blocked who
 * shares a server cannot open a DM, and is told so; nor can a member once the Privacy tab turned
 * DMs from server members off, until that server's own Privacy tab lets its members in. Screenshots: test-results/e2e.
 */
import { relationships } from "@chat/db";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { composer, desktopPage, launchChromium, logIn, openServer, send, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };

let server: AppServer;
let browser: Browser;
let ana: Page;
let bo: Page;
let cy: Page;
let dee: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["anabel", "bodhi", "cyrus", "deniz"]);
        const [anabel, cyrus, deniz] = [people.get("anabel")!, people.get("cyrus")!, people.get("deniz")!];
        await createServer(db, { name: "Camp", inviteCode: "campInvite01", owner: anabel, members: [people.get("bodhi")!, cyrus, deniz], channels: ["general"] });
        // Anabel and Cyrus are friends already; Anabel blocked Deniz.
        await db.insert(relationships).values([
          { userId: anabel, otherId: cyrus, kind: "friend" },
          { userId: cyrus, otherId: anabel, kind: "friend" },
          { userId: anabel, otherId: deniz, kind: "blocked" },
        ]);
      }),
  });
  browser = await launchChromium();
  [ana, bo, cy, dee] = await Promise.all([desktopPage(browser), desktopPage(browser), desktopPage(browser), desktopPage(browser)]);
}, 600_000);

afterEach(({ task }) => snapFailure("dms", task, { ana, bo, cy, dee }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const friends = (page: Page) => page.getByRole("region", { name: "Friends" });
const conversations = (page: Page) => page.getByRole("region", { name: "Direct messages" });
const stored = (page: Page, text: string) => page.locator("article[data-message-id]").filter({ hasText: text });
const systemLine = (page: Page, text: string) => page.locator("[data-system]").filter({ hasText: text });

describe("direct messages and groups in Chromium", () => {
  it("two people become friends and one opens a DM from the friends list", async () => {
    await logIn(ana, server.url, "anabel@example.com", SEED_PASSWORD);
    await logIn(bo, server.url, "bodhi@example.com", SEED_PASSWORD);
    await ana.getByLabel("Username to add as a friend").fill("bodhi");
    await ana.getByRole("button", { name: "Send request" }).click();
    await friends(bo).getByRole("tab", { name: /pending/i }).click();
    await bo.getByRole("button", { name: "Accept anabel's request" }).click();

    await ana.getByRole("button", { name: "Message bodhi" }).click();
    await ana.waitForURL(/\/channels\/me\/\d+$/, LIVE);
    await composer(ana).waitFor(LIVE);
    expect(await ana.getByRole("heading", { level: 1 }).textContent()).toBe("bodhi");
    expect(await composer(ana).getAttribute("aria-label")).toBe("Message @bodhi");
    await send(ana, "Hi Bo! Coffee later?");
    await stored(ana, "Hi Bo! Coffee later?").waitFor(LIVE);

    // Bo is on Home: the DM joins his list with its unread count, and he hears of it.
    const dm = conversations(bo).getByRole("link", { name: /anabel/ });
    await dm.getByLabel("1 unread").waitFor(LIVE);
    await bo.getByRole("list", { name: "Notifications" }).getByText("Hi Bo! Coffee later?").waitFor(LIVE);
    await snap(bo, "dms-01-bo-home-unread");
    await dm.click();
    await stored(bo, "Hi Bo! Coffee later?").waitFor(LIVE);
    await expect.poll(() => dm.getByLabel("1 unread").count(), LIVE).toBe(0);
  });

  it("they talk live, with typing and a reaction", async () => {
    await composer(bo).pressSequentially("On my way", { delay: 20 });
    const indicator = ana.getByTestId("typing");
    await indicator.waitFor(LIVE);
    expect(await indicator.textContent()).toBe("bodhi is typing…");
    await snap(ana, "dms-02-ana-sees-typing");
    await composer(bo).press("Enter");
    await stored(ana, "On my way").waitFor(LIVE);
    await indicator.waitFor({ state: "detached", ...LIVE });

    const message = stored(ana, "On my way");
    await message.hover();
    await message.getByRole("button", { name: "Add reaction" }).click();
    await ana.getByRole("dialog", { name: "Pick a reaction" }).getByRole("button", { name: "React with 🎉" }).click();
    const chip = stored(bo, "On my way").getByRole("button", { name: /^🎉 / });
    await expect.poll(() => chip.textContent(), LIVE).toBe("🎉1");
    // Nobody deletes the other's message in a DM.
    await stored(ana, "On my way").hover();
    expect(await stored(ana, "On my way").getByRole("button", { name: "Delete message" }).count()).toBe(0);
    await snap(bo, "dms-03-bo-dm-reaction");
  });

  it("Home's rail tile counts an unread DM; muted, the DM raises no toast and no mark", async () => {
    const rail = bo.getByRole("navigation", { name: "Servers" });
    const homeBadge = rail.locator("li").filter({ has: bo.getByRole("link", { name: "Home", exact: true }) }).getByTestId("mention-badge");
    const inCamp = async (page: Page) => {
      await openServer(page, "Camp");
      await page.getByRole("textbox", { name: "Message #general" }).waitFor(LIVE);
    };
    await inCamp(bo);
    await send(ana, "Are you coming?");
    await rail.getByRole("link", { name: "anabel (unread)" }).waitFor(LIVE);
    await expect.poll(() => homeBadge.textContent(), LIVE).toBe("1");
    await snap(bo, "dms-04-rail-unread");
    await rail.getByRole("link", { name: "anabel (unread)" }).click();
    await stored(bo, "Are you coming?").waitFor(LIVE);
    await homeBadge.waitFor({ state: "detached", ...LIVE });

    await bo.getByRole("button", { name: "Mute conversation" }).click();
    await bo.getByRole("button", { name: "Unmute conversation" }).waitFor(LIVE);
    // Home, with no conversation open: nothing he looks at.
    await rail.getByRole("link", { name: "Home", exact: true }).click();
    const dm = conversations(bo).getByRole("link", { name: /anabel/ });
    await dm.getByLabel("Muted").waitFor(LIVE);
    await send(ana, "Hello? Anyone?");
    await stored(ana, "Hello? Anyone?").waitFor(LIVE);
    // One stream, in order: once a later mention's toast is up, the muted DM's would have been too.
    await inCamp(ana);
    await send(ana, "@bodhi see our DM");
    const toasts = bo.getByRole("list", { name: "Notifications" });
    await toasts.getByText(/see our DM/).waitFor(LIVE);
    expect(await toasts.getByText("Hello? Anyone?").count()).toBe(0);
    expect(await rail.getByRole("link", { name: /anabel/ }).count()).toBe(0);
    expect(await homeBadge.count()).toBe(0);
    expect(await dm.getByLabel(/unread/).count()).toBe(0);
    await snap(bo, "dms-05-muted-dm");
    await ana.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Home", exact: true }).click();
    await ana.getByRole("button", { name: "New group" }).waitFor(LIVE);
  });

  it("a group with a friend: renamed live, and the one removed by the owner sees their view close", async () => {
    await logIn(cy, server.url, "cyrus@example.com", SEED_PASSWORD);
    await ana.getByRole("button", { name: "New group" }).click();
    const dialog = ana.getByRole("dialog", { name: "New group" });
    await dialog.getByRole("checkbox", { name: "bodhi" }).check();
    await dialog.getByRole("checkbox", { name: "cyrus" }).check();
    await snap(ana, "dms-04-new-group");
    await dialog.getByRole("button", { name: "Create group" }).click();
    await ana.waitForURL(/\/channels\/me\/\d+$/, LIVE);
    // Unnamed: it shows its people.
    await ana.getByRole("heading", { level: 1, name: "bodhi, cyrus" }).waitFor(LIVE);
    await send(ana, "Road trip on Saturday?");

    await conversations(cy).getByRole("link", { name: /anabel, bodhi/ }).click();
    await stored(cy, "Road trip on Saturday?").waitFor(LIVE);
    await conversations(bo).getByRole("link", { name: /anabel, cyrus/ }).click();
    await stored(bo, "Road trip on Saturday?").waitFor(LIVE);

    await bo.getByRole("button", { name: "Rename the group" }).click();
    await bo.getByRole("dialog", { name: "Rename the group" }).getByLabel("Group name").fill("Road trip");
    await bo.getByRole("dialog", { name: "Rename the group" }).getByRole("button", { name: "Save" }).click();
    await systemLine(ana, "bodhi changed the group name: Road trip").waitFor(LIVE);
    await cy.getByRole("heading", { level: 1, name: "Road trip" }).waitFor(LIVE);
    await conversations(ana).getByRole("link", { name: /Road trip/ }).waitFor(LIVE);

    const people = ana.getByRole("complementary", { name: "People in the group" });
    await people.locator("li").filter({ hasText: "cyrus" }).hover();
    await people.getByRole("button", { name: "Remove cyrus from the group" }).click();
    // Cy's open view closes: Home, without the group.
    await cy.waitForURL((url) => url.pathname === "/channels", LIVE);
    await expect.poll(() => conversations(cy).getByRole("link", { name: /Road trip/ }).count(), LIVE).toBe(0);
    await systemLine(ana, "anabel removed cyrus from the group.").waitFor(LIVE);
    await systemLine(bo, "anabel removed cyrus from the group.").waitFor(LIVE);
    expect(await people.locator("li").count()).toBe(2);
    await snap(ana, "dms-06-group-system-lines");
    await snap(cy, "dms-07-cy-removed-home");
  });

  it("someone blocked cannot open a DM, and is told why", async () => {
    await logIn(dee, server.url, "deniz@example.com", SEED_PASSWORD);
    await openServer(dee, "Camp");
    const row = dee.getByRole("complementary", { name: "Members" }).locator("li").filter({ hasText: "anabel" }).first();
    await row.hover();
    await dee.getByRole("button", { name: "Message anabel" }).click();
    const refusal = dee.getByRole("dialog", { name: "You can't message anabel" });
    await refusal.getByRole("alert").waitFor(LIVE);
    expect(await refusal.getByRole("alert").textContent()).toMatch(/\w/);
    await snap(dee, "dms-08-blocked-refusal");
    await refusal.getByRole("button", { name: "OK" }).click();
    await refusal.waitFor({ state: "detached", ...LIVE });
    expect(dee.url()).toMatch(/\/channels\/\d+\/\d+$/);
  });

  it("the Privacy tab: with DMs from server members off, a member is refused; with them on (the default), a member gets in", async () => {
    await bo.getByRole("button", { name: "Account settings" }).click();
    await bo.getByRole("tab", { name: "Privacy" }).click();
    const toggle = bo.getByRole("switch", { name: "Allow direct messages from server members" });
    await expect.poll(() => toggle.getAttribute("aria-checked"), LIVE).toBe("true");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-checked"), LIVE).toBe("false");
    await bo.waitForTimeout(300); // the switch's slide, for the screenshot only
    await snap(bo, "dms-09-privacy");
    await bo.keyboard.press("Escape");

    const members = dee.getByRole("complementary", { name: "Members" });
    await members.locator("li").filter({ hasText: "bodhi" }).hover();
    await members.getByRole("button", { name: "Message bodhi" }).click();
    await dee.getByRole("dialog", { name: "You can't message bodhi" }).getByRole("button", { name: "OK" }).click();

    // Camp's own answer wins over the account's.
    await bo.getByRole("navigation", { name: "Servers" }).getByRole("link", { name: "Camp" }).click();
    await bo.getByRole("button", { name: "Server settings" }).click();
    await bo.getByRole("tab", { name: "Privacy" }).click();
    const here = bo.getByRole("switch", { name: "Allow direct messages from members of Camp" });
    await expect.poll(() => here.getAttribute("aria-checked"), LIVE).toBe("false");
    await here.click();
    await bo.getByRole("button", { name: "Follow my account's setting again" }).waitFor(LIVE);
    expect(await here.getAttribute("aria-checked")).toBe("true");
    await expect.poll(() => here.isEnabled(), LIVE).toBe(true);
    await snap(bo, "dms-10-server-privacy");
    await bo.keyboard.press("Escape");
    await members.locator("li").filter({ hasText: "bodhi" }).hover();
    await members.getByRole("button", { name: "Message bodhi" }).click();
    await dee.waitForURL(/\/channels\/me\/\d+$/, LIVE);
    await composer(dee).waitFor(LIVE);
    expect(await composer(dee).getAttribute("aria-label")).toBe("Message @bodhi");
    await dee.goBack();
    await composer(dee).waitFor(LIVE);

    await members.locator("li").filter({ hasText: "cyrus" }).hover();
    await members.getByRole("button", { name: "Message cyrus" }).click();
    await dee.waitForURL(/\/channels\/me\/\d+$/, LIVE);
    await composer(dee).waitFor(LIVE);
    expect(await composer(dee).getAttribute("aria-label")).toBe("Message @cyrus");
  });
});
