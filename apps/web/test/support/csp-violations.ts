import { chromium } from "playwright-core";
import { expect } from "vitest";

/**
 * Opens /docs (Swagger UI) and /login in Chromium and expects both to run, the page hydrated,
 * without a single Content-Security-Policy violation on the console.
 */
export async function expectNoViolation(baseUrl: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage();
    // A development server compiles each page on first load: minutes on a busy CI machine.
    page.setDefaultTimeout(180_000);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/content security policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(`${baseUrl}/docs`);
    await page.locator(".opblock").first().waitFor();
    await page.goto(`${baseUrl}/login`);
    // Hydrated: the nonce-carrying scripts ran (a page left unhydrated would post its forms before React).
    await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
  }
}
