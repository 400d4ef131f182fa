import { mkdirSync } from "node:fs";
import path from "node:path";

import { type Browser, type BrowserContext, type Page, chromium } from "playwright-core";

/** Debian's Chromium, never a downloaded browser build. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** What Chromium reports on any page of `context` as blocked by the Content-Security-Policy: the app must cause none. */
export function recordPolicyViolations(context: BrowserContext): string[] {
  const violations: string[] = [];
  context.on("console", (message) => {
    if (/content security policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

const artifactsDir = path.resolve(import.meta.dirname, "../../../test-results/e2e");

/** Saves a screenshot as a test artifact (apps/web/test-results/e2e/<name>.png). */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(artifactsDir, { recursive: true });
  await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
}

/** After a failed test: a screenshot of each page still open, named after the test and the page. */
export async function snapFailure(prefix: string, task: { name: string; result?: { state?: string } }, pages: Record<string, Page>): Promise<void> {
  if (task.result?.state !== "fail") return;
  for (const [name, page] of Object.entries(pages)) {
    if (!page.isClosed()) await snap(page, `failed-${prefix}-${task.name.slice(0, 30)}-${name}`);
  }
}

/** A desktop-sized page in a browser context of its own (its own cookies: another person). */
export async function desktopPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

/** Opens a server from the rail and waits until its channel can be written in. */
export async function openServer(page: Page, name: string): Promise<void> {
  await page.getByRole("link", { name }).first().click();
  await composer(page).waitFor({ timeout: 20_000 });
}

/** After a full page load: React has hydrated the page, so clicks reach their handlers. */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
  // A part behind a loading boundary hydrates later, and says so until then.
  await page.waitForFunction(() => !document.querySelector("[data-hydrating]"));
}

/** Fills the sign-up form of the current page; the app then loads the page it was asked for. */
export async function signUp(page: Page, username: string, password: string): Promise<void> {
  await hydrated(page);
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signup"));
  await hydrated(page);
}

export async function logIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(/\/channels/);
  await hydrated(page);
}

/** The composer of the open channel, DM or group ("Message #general", "Message @ana", "Message Road trip"). */
export function composer(page: Page) {
  return page.getByRole("textbox", { name: /^Message / });
}

export async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press("Enter");
}

/** A message as shown in the list (stored or still sending). */
export function messageText(page: Page, text: string | RegExp) {
  return page.getByRole("article").filter({ hasText: text });
}
