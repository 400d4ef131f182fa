/**
 * Security headers on every kind of response of the real app server, and a policy that still lets
 * the app and the /docs Swagger UI run in Chromium without a single violation.
 */
import { chromium } from "playwright-core";
import { describe, expect, inject, it } from "vitest";

const baseUrl = inject("baseUrl");

const paths = [
  "/",
  "/docs",
  "/docs/swagger-ui.css",
  "/api/health",
  "/api/trpc/auth.me",
  "/api/v1/auth/me",
  "/api/v1/openapi.json",
  "/no/such/page",
];

describe("security headers", () => {
  it.each(paths)("GET %s carries CSP with frame-ancestors, nosniff, Referrer-Policy and X-Frame-Options", async (path) => {
    const response = await fetch(`${baseUrl}${path}`);
    await response.arrayBuffer();
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
  });

  it("is on error responses and POSTs too", async () => {
    const response = await fetch(`${baseUrl}/api/trpc/server.create`, { method: "POST", body: "{not json" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("lets the app and /docs run in Chromium with no policy violation", async () => {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/content security policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${baseUrl}/docs`);
      await page.locator(".opblock").first().waitFor({ timeout: 60_000 });
      await page.goto(`${baseUrl}/`);
      // Next.js sets `window.next` once its (inline-bootstrapped) client runtime has run.
      await page.waitForFunction(() => "next" in window, undefined, { timeout: 60_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
