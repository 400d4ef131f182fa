/**
 * Pins and timeouts in real Chromium against the production server: the owner pins a member's
 * message and the member sees it in the channel's pins live; the owner times the member out from
 * the member list, the member's composer says until when (live), and lifting the timeout early
 * lets them send again. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";

import { composer, desktopPage, launchChromium, logIn, messageText, openServer, send, snap, snapFailure } from "./support/browser";
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
        const people = await createUsers(db, ["olive", "mallory"]);
        await createServer(db, {
          name: "Garden Club",
          inviteCode: "pinsInvite01",
          owner: people.get("olive")!,
          members: [people.get("mallory")!],
          channels: ["general"],
        });
      }),
  });
  browser = await launchChromium();
  owner = await desktopPage(browser);
  member = await desktopPage(browser);
}, 600_000);

afterEach(({ task }) => snapFailure("pins", task, { owner, member }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const openGarden = (page: Page) => openServer(page, "Garden Club");

describe("pins and timeouts in Chromium", () => {
  it("the owner pins the member's message; the member sees it in the channel's pins, live", async () => {
    await logIn(owner, server.url, "olive@example.com", SEED_PASSWORD);
    await logIn(member, server.url, "mallory@example.com", SEED_PASSWORD);
    await openGarden(owner);
    await openGarden(member);
    await send(member, "Seed swap on Saturday at ten");
    const message = messageText(owner, "Seed swap on Saturday at ten");
    await message.waitFor(LIVE);
    expect(await messageText(member, "Seed swap").getByRole("button", { name: "Pin message" }).count()).toBe(0);

    await message.hover();
    await message.getByRole("button", { name: "Pin message" }).click();
    await message.getByRole("button", { name: "Unpin message" }).waitFor({ state: "attached", ...LIVE });
    await messageText(member, "Seed swap").getByLabel("Pinned").waitFor(LIVE);

    await member.getByRole("button", { name: "Pinned messages" }).click();
    const pins = member.getByRole("region", { name: "Pinned messages" });
    await pins.getByText("Seed swap on Saturday at ten").waitFor(LIVE);
    await pins.getByText(/^Pinned by olive,/).waitFor(LIVE);
    expect(await pins.getByRole("button", { name: "Unpin" }).count()).toBe(0);
    await snap(member, "pins-01-pinned-popover");
    await member.getByRole("button", { name: "Close pinned messages" }).click();
  });

  it("the owner times the member out; the member's composer says until when, live", async () => {
    const members = owner.locator('aside[aria-label="Members"]');
    await members.locator('li[data-user="mallory"]').hover();
    await members.getByRole("button", { name: "Time out mallory" }).click();
    await owner.getByRole("radio", { name: "5 minutes" }).check();
    await owner.getByLabel("Reason").fill("Cool off");
    await snap(owner, "pins-02-timeout-dialog");
    await owner.getByRole("button", { name: "Time out", exact: true }).click();
    await members.locator('li[data-user="mallory"]').getByLabel(/^Timed out until /).waitFor(LIVE);

    await member.locator('[data-send-hold="timeout"]').waitFor(LIVE);
    expect(await composer(member).isDisabled()).toBe(true);
    expect(await member.locator('[data-send-hold="timeout"]').innerText()).toMatch(/^You are timed out until .+: you can read, but not send, react or type\.$/);
    await snap(member, "pins-03-timed-out-composer");
  });

  it("the owner lifts the timeout early; the member can send again", async () => {
    const members = owner.locator('aside[aria-label="Members"]');
    await members.locator('li[data-user="mallory"]').hover();
    await members.getByRole("button", { name: "Timeout of mallory" }).click();
    await owner.getByRole("button", { name: "Remove timeout" }).click();
    await member.locator('[data-send-hold="timeout"]').waitFor({ state: "detached", ...LIVE });
    await send(member, "Thanks, back to planting");
    await messageText(owner, "Thanks, back to planting").waitFor(LIVE);
  });
});
