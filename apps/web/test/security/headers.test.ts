/**
 * Security headers on every kind of response of the real app server: pages run only scripts with
 * the response's nonce, /docs keeps its inline bootstrap, the API runs nothing. And the policy
 * still lets the app and the /docs Swagger UI run in Chromium without a single violation.
 */
import { describe, expect, inject, it } from "vitest";

import { createSecurityHeaders } from "~/server/security-headers";

import { expectNoViolation } from "../support/csp-violations";

const baseUrl = inject("baseUrl");

const pages = ["/", "/login", "/no/such/page"];
const docs = ["/docs", "/docs/swagger-ui.css"];
/** What is never a document: the API, and the build's scripts, styles and fonts (here one that is not there). */
const inert = ["/api/health", "/api/trpc/auth.me", "/api/v1/auth/me", "/api/v1/openapi.json", "/api/no/such/route", "/_next/static/no-such-chunk.js"];

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}${path}`, { headers, redirect: "manual" });
  return { response, body: await response.text(), csp: response.headers.get("content-security-policy") ?? "" };
}

/** One directive's sources, e.g. `directive(csp, "script-src")` → ["'self'", "'nonce-…'", …]. */
function directive(csp: string, name: string): string[] {
  const found = csp.split(";").map((part) => part.trim().split(/\s+/)).find(([key]) => key === name);
  return found?.slice(1) ?? [];
}

const nonceOf = (csp: string) => /^'nonce-(.+)'$/.exec(directive(csp, "script-src").find((source) => source.startsWith("'nonce-")) ?? "")?.[1];

/** Every <script> start tag of a page, with its nonce attribute (the HTML as sent: browsers hide nonces from the DOM). */
function scriptNonces(html: string): (string | undefined)[] {
  return [...html.matchAll(/<script\b[^>]*>/g)].map(([tag]) => /\snonce="([^"]*)"/.exec(tag)?.[1]);
}

describe("security headers", () => {
  it.each([...pages, ...docs, ...inert])("GET %s carries a CSP with frame-ancestors, nosniff, Referrer-Policy and X-Frame-Options", async (path) => {
    const { response, csp } = await get(path);
    expect(directive(csp, "frame-ancestors")).toEqual(["'none'"]);
    expect(directive(csp, "object-src").concat(directive(csp, "default-src"))).toContain("'none'");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("x-powered-by")).toBeNull();
    // The shared server has no https PUBLIC_URL.
    expect(response.headers.get("strict-transport-security")).toBeNull();
  });

  it.each(pages)("GET %s allows only scripts with this response's nonce, and what they load", async (path) => {
    const { csp } = await get(path);
    const scripts = directive(csp, "script-src");
    expect(scripts).toEqual(expect.arrayContaining(["'self'", "'strict-dynamic'"]));
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(nonceOf(csp)).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(directive(csp, "default-src")).toEqual(["'self'"]);
    expect(directive(csp, "form-action")).toEqual(["'self'"]);
  });

  it("puts a fresh nonce on every page response, on each of the page's scripts", async () => {
    const [first, second] = [await get("/login"), await get("/login")];
    expect(first.response.status).toBe(200);
    expect(nonceOf(first.csp)).not.toBe(nonceOf(second.csp));
    for (const { body, csp } of [first, second]) {
      const nonces = scriptNonces(body);
      expect(nonces.length).toBeGreaterThan(0);
      expect(new Set(nonces)).toEqual(new Set([nonceOf(csp)]));
    }
  });

  it("never takes the nonce from the request: a client's own policy header is replaced", async () => {
    const { body, csp } = await get("/login", { "content-security-policy": "script-src 'nonce-chosenByTheAttacker'" });
    expect(csp).not.toContain("chosenByTheAttacker");
    expect(body).not.toContain("chosenByTheAttacker");
    expect(new Set(scriptNonces(body))).toEqual(new Set([nonceOf(csp)]));
  });

  it.each(docs)("GET %s keeps the Swagger UI policy: scripts from this origin and inline", async (path) => {
    const { csp } = await get(path);
    expect(directive(csp, "script-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(nonceOf(csp)).toBeUndefined();
  });

  it.each(inert)("GET %s allows nothing to run or load", async (path) => {
    const { csp } = await get(path);
    expect(directive(csp, "default-src")).toEqual(["'none'"]);
    expect(directive(csp, "script-src")).toEqual([]);
  });

  it("is on error responses and POSTs too", async () => {
    const response = await fetch(`${baseUrl}/api/trpc/server.create`, { method: "POST", body: "{not json" });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("lets the app and /docs run, and a page hydrate, in Chromium with no policy violation", async () => {
    await expectNoViolation(baseUrl);
  }, 120_000);
});

describe("Strict-Transport-Security", () => {
  const hsts = (publicUrl: string | undefined, path = "/") => createSecurityHeaders({ dev: false, publicUrl })(path)["strict-transport-security"];

  it("is sent, on every response, when the public address is https", () => {
    expect(hsts("https://chat.example.com")).toBe("max-age=63072000; includeSubDomains");
    expect(hsts("https://chat.example.com", "/api/health")).toBeDefined();
    expect(hsts("https://chat.example.com", "/docs")).toBeDefined();
  });

  it("is not sent over plain http or without a public address", () => {
    expect(hsts("http://localhost:3000")).toBeUndefined();
    expect(hsts(undefined)).toBeUndefined();
  });
});

describe("Content-Security-Policy and stored files", () => {
  const policyOf = (path: string, storageOrigin?: string) =>
    createSecurityHeaders({ dev: false, publicUrl: undefined, storageOrigin })(path)["content-security-policy"]!;
  const directive = (policy: string, name: string) => policy.split("; ").find((part) => part.startsWith(`${name} `));

  it("lets pages upload to, and load files from, the object store's public origin when files go to S3", () => {
    const page = policyOf("/channels", "https://files.example.com");
    for (const name of ["img-src", "media-src", "connect-src"]) expect(directive(page, name)).toContain("https://files.example.com");
    expect(directive(policyOf("/channels"), "media-src")).toBe("media-src 'self' blob:");
    // Link previews' images come from us (/api/embeds), never from the linked sites.
    expect(directive(policyOf("/channels"), "img-src")).toBe("img-src 'self' data: blob:");
    expect(policyOf("/channels")).not.toContain("files.example.com");
  });

  it("serves files in a sandbox where nothing loads", () => {
    expect(policyOf("/api/attachments/1/a.html")).toBe("sandbox; default-src 'none'");
    expect(policyOf("/api/embeds/1/2")).toBe("sandbox; default-src 'none'");
    expect(policyOf("/api/v1/servers")).not.toContain("sandbox");
  });
});
