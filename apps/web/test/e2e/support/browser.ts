import { mkdirSync } from "node:fs";
import path from "node:path";

import { type Browser, type Page, chromium } from "playwright-core";

/** Debian's Chromium, never a downloaded browser build. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

const artifactsDir = path.resolve(import.meta.dirname, "../../../test-results/e2e");

/** Saves a screenshot as a test artifact (apps/web/test-results/e2e/<name>.png). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

export async function signUp(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/channels/);
}

/** The composer of the open channel. */
export function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message #/ });
}

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press("Enter");
}

/** A message as shown in the list (stored or still sending). */
export function messageText(page: Page, text: string | RegExp) {
  return page.getByRole("article").filter({ hasText: text });
}
