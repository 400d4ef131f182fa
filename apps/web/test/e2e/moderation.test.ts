/**
 * Moderation in real Chromium against the production server: an admin bans a member from the
 * member list; the member is put out live, told why, and cannot rejoin by the invite link; the
 * ban shows in the ban list and the audit log. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";
import { Secret, TOTP } from "otpauth";

import { desktopPage, launchChromium, logIn, openServer, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };
const INVITE = "modsInvite01";

let server: AppServer;
let browser: Browser;
let admin: Page;
let member: Page;
let owner: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["olive", "adam", "mallory"]);
        await createServer(db, {
          name: "Garden Club",
          inviteCode: INVITE,
          owner: people.get("olive")!,
          admins: [people.get("adam")!],
          members: [people.get("mallory")!],
          channels: ["general"],
        });
      }),
  });
  browser = await launchChromium();
  admin = await desktopPage(browser);
  member = await desktopPage(browser);
  owner = await desktopPage(browser);
}, 600_000);

afterEach(({ task }) => snapFailure("moderation", task, { admin, member, owner }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const openGarden = (page: Page) => openServer(page, "Garden Club");

describe("an admin bans a member in Chromium", () => {
  it("both are in the server; the admin sees kick and ban for the member, none for the owner", async () => {
    await logIn(admin, server.url, "adam@example.com", SEED_PASSWORD);
    await logIn(member, server.url, "mallory@example.com", SEED_PASSWORD);
    await openGarden(admin);
    await openGarden(member);
    const members = admin.locator('aside[aria-label="Members"]');
    await members.locator('li[data-user="mallory"] [data-presence="online"]').waitFor(LIVE);
    expect(await members.getByRole("button", { name: "Ban mallory" }).count()).toBe(1);
    expect(await members.getByRole("button", { name: "Ban olive" }).count()).toBe(0);
    expect(await member.locator('aside[aria-label="Members"]').getByRole("button", { name: /^(Ban|Kick) / }).count()).toBe(0);
  });

  it("the admin bans the member with a reason; the member is removed live and told why", async () => {
    const members = admin.locator('aside[aria-label="Members"]');
    await members.locator('li[data-user="mallory"]').hover();
    await members.getByRole("button", { name: "Ban mallory" }).click();
    await admin.getByLabel("Reason").fill("Spamming seed catalogues");
    await snap(admin, "moderation-01-ban-dialog");
    await admin.getByRole("button", { name: "Ban", exact: true }).click();
    await members.locator('li[data-user="mallory"]').waitFor({ state: "detached", ...LIVE });

    await member.getByRole("alert").filter({ hasText: "You were banned from Garden Club: Spamming seed catalogues" }).waitFor(LIVE);
    await member.waitForURL(/\/channels\/?$/, LIVE);
    // Gone from the server rail and from Home's server tiles alike.
    await expect.poll(() => member.getByRole("link", { name: /Garden Club/ }).count(), LIVE).toBe(0);
    await snap(member, "moderation-02-member-removed");
  });

  it("the member cannot rejoin by the invite link", async () => {
    await member.goto(`${server.url}/invite/${INVITE}`);
    await member.getByRole("heading", { name: "Garden Club" }).waitFor(LIVE);
    await member.getByRole("button", { name: "Accept invite" }).click();
    await member.getByRole("alert").filter({ hasText: "You are banned from this server" }).waitFor(LIVE);
    await snap(member, "moderation-03-rejoin-refused");
  });

  it("the ban shows in the ban list and the audit log", async () => {
    await admin.getByRole("button", { name: "Server settings" }).click();
    await admin.getByRole("tab", { name: "Bans" }).click();
    const ban = admin.getByRole("list", { name: "Bans" }).locator('li[data-user="mallory"]');
    await ban.filter({ hasText: "Spamming seed catalogues" }).waitFor(LIVE);
    await admin.getByRole("tab", { name: "Audit log" }).click();
    const log = admin.getByRole("list", { name: "Audit log" });
    await log.getByText("adam banned mallory (Spamming seed catalogues)").waitFor(LIVE);
    // The filter names actions in words, and keeps only the chosen one.
    await admin.getByRole("combobox", { name: "Filter by action" }).selectOption({ label: "Member banned" });
    await expect.poll(() => log.getByRole("listitem").locator("span").allTextContents()).toEqual(["adam banned mallory (Spamming seed catalogues)"]);
    await snap(admin, "moderation-04-audit-log");
  });
});

describe("status and two-factor in Chromium", () => {
  it("the owner sets do-not-disturb with a custom status; the admin sees it live in the member list", async () => {
    await logIn(owner, server.url, "olive@example.com", SEED_PASSWORD);
    await openGarden(owner);
    await admin.keyboard.press("Escape");
    await owner.getByRole("button", { name: "Account settings" }).click();
    await owner.getByRole("button", { name: "Do not disturb" }).click();
    await owner.getByLabel("Emoji").fill("🌱");
    await owner.getByLabel("Custom status").fill("Planting tomatoes");
    await owner.getByRole("button", { name: "Save status" }).click();
    const olive = admin.locator('aside[aria-label="Members"] li[data-user="olive"]');
    await olive.locator('[data-presence="dnd"]').waitFor(LIVE);
    await olive.getByText("Planting tomatoes").waitFor(LIVE);
    await snap(admin, "moderation-05-custom-status");
  });

  it("the owner turns on two-factor with the QR code; logging in then asks for a code", async () => {
    await owner.getByRole("tab", { name: "Password and 2FA" }).click();
    await owner.getByRole("button", { name: "Set up two-factor" }).click();
    await owner.getByRole("img", { name: "QR code for your authenticator app" }).waitFor(LIVE);
    const secret = (await owner.locator("[data-secret]").textContent())!.trim();
    const totp = new TOTP({ secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: 30 });
    await owner.getByLabel("Code from your app").fill(totp.generate());
    await owner.getByRole("button", { name: "Turn on two-factor" }).click();
    await owner.getByRole("list", { name: "Recovery codes" }).waitFor(LIVE);
    await snap(owner, "moderation-06-two-factor-on");
    await owner.keyboard.press("Escape");

    await owner.getByRole("button", { name: "Log out" }).click();
    await owner.waitForURL(/\/login/, LIVE);
    await owner.getByLabel("Email").fill("olive@example.com");
    await owner.getByLabel("Password").fill(SEED_PASSWORD);
    await owner.getByRole("button", { name: "Log in" }).click();
    await owner.getByRole("heading", { name: "Two-factor authentication" }).waitFor(LIVE);
    await owner.getByLabel("Code").fill(totp.generate({ timestamp: Date.now() + 30_000 }));
    await owner.getByRole("button", { name: "Verify" }).click();
    await owner.waitForURL(/\/channels/, LIVE);
    await owner.getByRole("link", { name: "Garden Club" }).first().waitFor(LIVE);
  });
});
