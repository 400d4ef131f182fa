/**
 * Two languages in real Chromium against the production server: a browser that prefers French gets
 * the app in French (sign-in, channel, relative dates, plurals, <html lang>), no English phrase of
 * the catalogue shows, axe finds nothing serious; the account's Language tab overrides the browser
 * for this device, and "Automatic" gives the browser's choice back. Screenshots: test-results/e2e.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";
import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

import { seriousViolations } from "./support/accessibility";
import { hydrated, launchChromium, messageText, snap, snapFailure } from "./support/browser";
import { startProductionServer } from "./support/production-server";
import { SEED_PASSWORD, createMessages, createServer, createUsers, seedDatabase } from "./support/seed";

const LIVE = { timeout: 20_000 };

let server: AppServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startProductionServer({
    prepare: (env) =>
      seedDatabase(env, async (db) => {
        const people = await createUsers(db, ["lea", "tom"]);
        const channels = await createServer(db, {
          name: "Club de lecture",
          inviteCode: "lectureInv",
          owner: people.get("lea")!,
          members: [people.get("tom")!],
          channels: ["general"],
        });
        await createMessages(db, channels.get("general")!, [
          { authorId: people.get("tom")!, content: "On lit quoi ce mois-ci ?", at: new Date(Date.now() - 5 * 60_000) },
        ]);
      }),
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ locale: "fr-FR", viewport: { width: 1280, height: 800 } })).newPage();
}, 600_000);

afterEach(({ task }) => snapFailure("languages", task, { page }));

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

type Catalogue = { [key: string]: string | Catalogue };

/** The English phrases (two words or more, no arguments) that French says differently. */
function englishPhrases(english: Catalogue, french: Catalogue): string[] {
  return Object.entries(english).flatMap(([key, value]) => {
    const other = french[key];
    if (typeof value !== "string") return englishPhrases(value, other as Catalogue);
    return value !== other && !/[{<]/.test(value) && value.trim().includes(" ") ? [value.trim()] : [];
  });
}

const lang = () => page.locator("html").getAttribute("lang");

describe("a browser that prefers French", () => {
  it("signs in and reads a channel in French, with French dates and no English phrase; axe finds nothing serious", async () => {
    await page.goto(`${server.url}/login`);
    await hydrated(page);
    expect(await lang()).toBe("fr");
    await page.getByRole("heading", { name: fr.auth.login.title }).waitFor(LIVE);
    await page.getByLabel(fr.auth.email).fill("lea@example.com");
    await page.getByLabel(fr.auth.password).fill(SEED_PASSWORD);
    await page.getByRole("button", { name: fr.auth.login.submit }).click();
    await page.waitForURL(/\/channels/);
    await hydrated(page);
    await page.getByRole("link", { name: "Club de lecture" }).first().click();
    await page.getByRole("textbox", { name: "Envoyer un message à #general" }).waitFor(LIVE);
    await messageText(page, "On lit quoi").waitFor(LIVE);
    await page.getByText(/^il y a \d+ minutes$/).first().waitFor(LIVE);
    await hydrated(page);

    const shown = await page.locator("body").innerText();
    expect(englishPhrases(en, fr).filter((phrase) => shown.includes(phrase))).toEqual([]);
    await snap(page, "fr-01-channel");
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("the Language tab puts this device in English, and Automatic brings the browser's French back", async () => {
    await page.getByRole("button", { name: fr.shell.userPanel.accountSettings }).click();
    await page.getByRole("tab", { name: fr.account.settings.tabs.language }).click();
    await snap(page, "fr-02-language");
    await page.getByRole("radio", { name: "English" }).click();
    await page.getByRole("textbox", { name: "Message #general" }).waitFor(LIVE);
    expect(await lang()).toBe("en");

    await page.getByRole("button", { name: en.shell.userPanel.accountSettings }).click();
    await page.getByRole("tab", { name: en.account.settings.tabs.language }).click();
    // "Automatic" names the browser's language, not the one on show.
    await page.getByRole("radio", { name: "Automatic, from your browser (Français)" }).click();
    await page.getByRole("textbox", { name: "Envoyer un message à #general" }).waitFor(LIVE);
    expect(await lang()).toBe("fr");
  });
});
