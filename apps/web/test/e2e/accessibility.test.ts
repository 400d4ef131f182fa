/**
 * Every main screen passes axe (WCAG 2.1 A and AA) with no serious or critical violation, in real
 * Chromium against the production server: log-in, Home, a channel (its messages a feed of articles), the quick switcher, server
 * settings and account settings; others' new messages reach a screen reader through a polite live
 * region, a burst counted rather than read out. Screenshots: test-results/e2e.
 */
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";
import { composer, hydrated, logIn, send, snap } from "./support/browser";
import { seriousViolations } from "./support/accessibility";
import { SEED_PASSWORD } from "./support/seed";
import { useTwoPeople } from "./support/two-people";

const LIVE = { timeout: 20_000 };

const stage = useTwoPeople({
  server: { name: "Open Doors", inviteCode: "openDoors001", channels: ["general", "random"] },
  owner: "ada",
  member: "ben",
  label: "a11y",
});
let server: AppServer;
let ada: Page;
let ben: Page;
beforeAll(() => {
  ({ app: server, owner: ada, member: ben } = stage);
});

describe("accessibility of the main screens (axe, WCAG 2.1 AA)", () => {
  it("log-in", async () => {
    await ada.goto(`${server.url}/login`);
    await hydrated(ada);
    expect(await seriousViolations(ada)).toEqual([]);
  });

  it("Home", async () => {
    await logIn(ada, server.url, "ada@example.com", SEED_PASSWORD);
    await ada.getByRole("region", { name: "Friends" }).waitFor(LIVE);
    expect(await seriousViolations(ada)).toEqual([]);
    await snap(ada, "a11y-home");
  });

  it("a channel with messages, a feed of articles", async () => {
    await ada.getByRole("link", { name: /^Open Doors/ }).first().click();
    await composer(ada).waitFor(LIVE);
    await send(ada, "Hello **everyone**, welcome to the `open` doors");
    await ada.locator("article[data-message-id]").first().waitFor(LIVE);
    const feed = ada.getByRole("feed", { name: "Messages" });
    expect(await feed.getByRole("article").count()).toBeGreaterThan(0);
    expect(await feed.getAttribute("aria-busy")).toBe("false");
    expect(await seriousViolations(ada)).toEqual([]);
    await snap(ada, "a11y-channel");
  });

  it("others' new messages are announced politely: one read out, a burst counted", async () => {
    await logIn(ben, server.url, "ben@example.com", SEED_PASSWORD);
    await ben.getByRole("link", { name: /^Open Doors/ }).first().click();
    await composer(ben).waitFor(LIVE);
    const arrivals = ada.getByTestId("arrivals");
    expect(await arrivals.getAttribute("aria-live")).toBe("polite");
    await send(ben, "Hi **Ada**");
    await expect.poll(() => arrivals.textContent(), LIVE).toBe("ben: Hi Ada");
    for (const text of ["one", "two", "three"]) await send(ben, text);
    await expect.poll(() => arrivals.textContent(), LIVE).toBe("3 new messages in #general");
    // The reader's own messages are not read back to them.
    await send(ada, "thanks");
    await ada.locator("article[data-message-id]").filter({ hasText: "thanks" }).waitFor(LIVE);
    expect(await arrivals.textContent()).toBe("3 new messages in #general");
  });

  it("the quick switcher", async () => {
    await ada.keyboard.press("Control+k");
    await ada.getByRole("combobox", { name: "Where would you like to go?" }).waitFor(LIVE);
    expect(await seriousViolations(ada)).toEqual([]);
    await ada.keyboard.press("Escape");
  });

  it("server settings", async () => {
    await ada.getByRole("button", { name: "Server settings" }).click();
    await ada.getByRole("tab", { name: "Roles" }).click();
    await ada.getByRole("dialog").getByRole("tabpanel").waitFor(LIVE);
    expect(await seriousViolations(ada)).toEqual([]);
    await ada.keyboard.press("Escape");
  });

  it("account settings", async () => {
    await ada.getByRole("button", { name: "Account settings" }).click();
    await ada.getByRole("dialog").getByRole("tabpanel").waitFor(LIVE);
    expect(await seriousViolations(ada)).toEqual([]);
    await ada.keyboard.press("Escape");
  });
});
