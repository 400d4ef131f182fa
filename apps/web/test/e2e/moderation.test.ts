/**
 * Moderation in real Chromium against the production server: an admin bans a member from the
 * member list; the member is put out live, told why, and cannot rejoin by the invite link; the
 * ban shows in the ban list and the audit log. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";
import { composer, launchChromium, logIn, snap } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };
const INVITE = "modsInvite01";

let server: AppServer;
let browser: Browser;
let admin: Page;
let member: Page;

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
  admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  member = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}, 600_000);

afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  for (const [name, page] of [["admin", admin], ["member", member]] as const) {
    if (!page.isClosed()) await snap(page, `failed-moderation-${task.name.slice(0, 30)}-${name}`);
  }
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openGarden(page: Page) {
  await page.getByRole("link", { name: "Garden Club" }).first().click();
  await composer(page).waitFor(LIVE);
}

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
    await member.getByRole("link", { name: "Garden Club" }).waitFor({ state: "detached", ...LIVE });
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
    await admin.getByRole("list", { name: "Audit log" }).getByText("adam banned mallory (Spamming seed catalogues)").waitFor(LIVE);
    await snap(admin, "moderation-04-audit-log");
  });
});
