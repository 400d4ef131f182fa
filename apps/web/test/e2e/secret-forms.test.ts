/**
 * Forms that carry secrets post them, with or without the page's JavaScript (issue 13, item 9):
 * Chromium with JavaScript off signs up, logs out, fails and then succeeds to log in, and finishes
 * a two-factor login; another page submits the sign-up form before hydration. No request URL and
 * no page the browser visited ever holds the password, the email or a code.
 */
import type { Browser, BrowserContext, Page } from "playwright-core";
import { Secret, TOTP } from "otpauth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

import type { AppServer } from "../app-server";
import { restClient } from "../support/http";
import { hydrated, launchChromium, snap } from "./support/browser";
import { startProductionServer } from "./support/production-server";

const PASSWORD = "correct horse battery";
const SESSION_COOKIE = "chat_session";

let server: AppServer;
let browser: Browser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startProductionServer();
  browser = await launchChromium();
}, 600_000);

afterEach(async ({ task }) => {
  if (task.result?.state !== "fail") return;
  for (const [index, page] of pages.entries()) if (!page.isClosed()) await snap(page, `failed-secret-forms-${task.name.slice(0, 30)}-${index}`);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/**
 * A browser context that records every URL it requested or showed (each is an address bar or a
 * history entry, and a line in some log), and every form submission's method.
 */
async function recordedContext(options: { javaScriptEnabled: boolean }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const urls: string[] = [];
  const submissions: { method: string; path: string }[] = [];
  context.on("request", (request) => {
    urls.push(request.url());
    if (request.isNavigationRequest() && request.method() !== "GET") submissions.push({ method: request.method(), path: new URL(request.url()).pathname });
  });
  const page = await context.newPage();
  page.on("framenavigated", (frame) => urls.push(frame.url()));
  pages.push(page);
  return { context, page, urls, submissions };
}

/** The secret as a URL may spell it: raw, percent-encoded or form-encoded. */
function leaks(urls: string[], secret: string): string[] {
  const spellings = [secret, encodeURIComponent(secret), encodeURIComponent(secret).replaceAll("%20", "+")].map((text) => text.toLowerCase());
  return urls.filter((url) => spellings.some((spelling) => url.toLowerCase().includes(spelling)));
}

async function sessionCookie(context: BrowserContext) {
  return (await context.cookies()).find((cookie) => cookie.name === SESSION_COOKIE);
}

/** A server of the account's own: its page has the channel column, with the user panel and Log out. Returns its path. */
async function createServer(token: string): Promise<string> {
  const { status, body } = await restClient(server.url)("POST", "/servers", { token, body: { name: "Quiet Place" } });
  expect(status).toBe(200);
  return `/channels/${body.id}`;
}

async function fillSignUp(page: Page, username: string) {
  await page.getByLabel("Email").fill(`${username}@example.com`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function fillLogIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

describe("secret-bearing forms without JavaScript", () => {
  it("signs up, logs out, refuses a wrong password and logs in, never putting a secret in a URL", async () => {
    const { context, page, urls, submissions } = await recordedContext({ javaScriptEnabled: false });
    const username = "nojs_ada";
    const email = `${username}@example.com`;

    await page.goto(`${server.url}/signup`);
    await fillSignUp(page, username);
    await page.waitForURL(/\/channels/);
    await page.getByRole("heading", { name: `Welcome, ${username}!` }).waitFor();
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.goto(`${server.url}${await createServer(cookie!.value)}`);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(/\/login$/);
    expect(await sessionCookie(context)).toBeUndefined();

    await fillLogIn(page, email, "not the password");
    await page.getByText("Wrong email or password").waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe(email);
    expect(await page.getByLabel("Password").inputValue()).toBe("");
    expect(await page.content()).not.toContain("not the password");
    expect(await sessionCookie(context)).toBeUndefined();

    await fillLogIn(page, email, PASSWORD);
    await page.waitForURL(/\/channels/);
    expect(await sessionCookie(context)).toBeDefined();
    await snap(page, "secret-forms-01-no-javascript");

    expect(submissions).toEqual([
      { method: "POST", path: "/signup" },
      { method: "POST", path: "/logout" },
      { method: "POST", path: "/login" },
      { method: "POST", path: "/login" },
    ]);
    expect(leaks(urls, PASSWORD)).toEqual([]);
    expect(leaks(urls, "not the password")).toEqual([]);
    expect(leaks(urls, email)).toEqual([]);
    await context.close();
  });

  it("finishes a two-factor login with a code, the challenge never in a URL", async () => {
    const rest = restClient(server.url);
    const username = "nojs_totp";
    const { body: account } = await rest("POST", "/auth/signup", { body: { username, email: `${username}@example.com`, password: PASSWORD } });
    const { body: enrolment } = await rest("POST", "/auth/2fa/enroll", { token: account.token });
    const totp = new TOTP({ secret: Secret.fromBase32(enrolment.secret), algorithm: "SHA1", digits: 6, period: 30 });
    expect((await rest("POST", "/auth/2fa/confirm", { token: account.token, body: { code: totp.generate() } })).status).toBe(200);

    const { context, page, urls, submissions } = await recordedContext({ javaScriptEnabled: false });
    await page.goto(`${server.url}/login`);
    await fillLogIn(page, `${username}@example.com`, PASSWORD);
    await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
    await page.getByLabel("Code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByText("Wrong, expired or already used code").waitFor();
    // The next step's code: the one just used to turn two-factor on cannot be used again.
    const code = totp.generate({ timestamp: Date.now() + 30_000 });
    await page.getByLabel("Code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.waitForURL(/\/channels/);
    expect(await sessionCookie(context)).toBeDefined();

    expect(submissions.map((submission) => submission.method)).toEqual(["POST", "POST", "POST"]);
    expect(leaks(urls, PASSWORD)).toEqual([]);
    expect(leaks(urls, code)).toEqual([]);
    expect(urls.filter((url) => url.includes("challenge"))).toEqual([]);
    await context.close();
  });
});

describe("secret-bearing forms before and after hydration", () => {
  it("posts the sign-up form submitted before the page's JavaScript has run, and ends signed in", async () => {
    const { context, page, urls, submissions } = await recordedContext({ javaScriptEnabled: true });
    // Scripts held, as a slow network or a first compile holds them: the page stays server-rendered HTML.
    await context.route((url) => url.pathname.startsWith("/_next/static/chunks/") && url.pathname.endsWith(".js"), () => undefined);
    await page.goto(`${server.url}/signup`, { waitUntil: "domcontentloaded" });
    expect(await page.locator("html[data-hydrated]").count()).toBe(0);
    await fillSignUp(page, "early_bird");
    await page.waitForURL(/\/channels/, { waitUntil: "commit" });
    expect(await sessionCookie(context)).toBeDefined();

    expect(submissions).toEqual([{ method: "POST", path: "/signup" }]);
    expect(leaks(urls, PASSWORD)).toEqual([]);
    expect(leaks(urls, "early_bird@example.com")).toEqual([]);
    await context.unrouteAll({ behavior: "ignoreErrors" });
    await context.close();
  });

  it("with JavaScript, the same forms show a refusal in place, then sign in and out", async () => {
    const username = "scripted";
    const { body: account } = await restClient(server.url)("POST", "/auth/signup", { body: { username, email: `${username}@example.com`, password: PASSWORD } });
    const serverPath = await createServer(account.token);
    const { context, page, urls, submissions } = await recordedContext({ javaScriptEnabled: true });
    await page.goto(`${server.url}/login`);
    await hydrated(page);
    await fillLogIn(page, `${username}@example.com`, "not the password");
    await page.getByText("Wrong email or password").waitFor();
    expect(await page.getByLabel("Email").inputValue()).toBe(`${username}@example.com`);
    await fillLogIn(page, `${username}@example.com`, PASSWORD);
    await page.waitForURL(/\/channels/);
    expect(await sessionCookie(context)).toBeDefined();
    await page.goto(`${server.url}${serverPath}`);
    await page.getByRole("button", { name: "Log out" }).click();
    // The live page may see its session end first and go to /login?next=… itself: either way, signed out.
    await page.waitForURL(/\/login(\?|$)/);
    const left = await sessionCookie(context);
    if (left) expect((await restClient(server.url)("GET", "/auth/me", { token: left.value })).status).toBe(401);

    // The script ran both log-ins in the background; only log out is a page load.
    expect(submissions).toEqual([{ method: "POST", path: "/logout" }]);
    expect(leaks(urls, PASSWORD)).toEqual([]);
    await context.close();
  });
});
