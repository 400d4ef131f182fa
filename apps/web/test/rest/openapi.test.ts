import { compileErrors, validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { allowedOrigins } from "../shared-app-env";
import { restClient } from "../support/http";
import { anonymousRoutes, pathShape, routeTable } from "./routes";

const baseUrl = inject("baseUrl");
const rest = restClient(baseUrl);
const ALLOWED_ORIGIN = allowedOrigins[0]!;
let doc: OpenAPIV3_1.Document;

beforeAll(async () => {
  const response = await fetch(`${baseUrl}/api/v1/openapi.json`);
  expect(response.headers.get("content-type")).toContain("application/json");
  doc = (await response.json()) as OpenAPIV3_1.Document;
});

type Method = "get" | "post" | "put" | "patch" | "delete";
function operations(): { method: Method; path: string; operation: OpenAPIV3_1.OperationObject }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) =>
      item?.[method] ? [{ method, path, operation: item[method] }] : [],
    ),
  );
}

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(doc.openapi).toBe("3.1.0");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  it("describes every route of the issue's table, and no other", () => {
    const documented = operations().map(({ method, path }) => `${method.toUpperCase()} ${pathShape(path)}`);
    const required = routeTable.map(([method, path]) => `${method} ${pathShape(path)}`);
    expect(documented.sort()).toEqual(required.sort());
  });

  it("requires the bearer token on every route but signup and login, and says so with a 401", () => {
    expect(doc.components?.securitySchemes).toEqual({ bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } });
    for (const { method, path, operation } of operations()) {
      const anonymous = anonymousRoutes.has(`${method.toUpperCase()} ${path}`);
      expect(operation.security, path).toEqual(anonymous ? undefined : [{ bearerAuth: [] }]);
      if (!anonymous) expect(Object.keys(operation.responses ?? {}), path).toContain("401");
    }
  });

  it("documents the 413 of an oversized body on every route that takes one", () => {
    for (const { method, path, operation } of operations()) {
      const takesBody = ["post", "put", "patch"].includes(method);
      expect(Object.keys(operation.responses ?? {}).includes("413"), `${method} ${path}`).toBe(takesBody);
    }
  });

  it("gives every error response the one Error schema, and 429 its Retry-After header", () => {
    const error = doc.components?.schemas?.Error as OpenAPIV3_1.SchemaObject;
    expect(error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties ?? {})).toEqual(["code", "message", "issues"]);
    for (const { path, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][]) {
        if (Number(status) < 400) continue;
        expect(response.content?.["application/json"]?.schema, `${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        if (status === "429") expect(response.headers?.["Retry-After"], path).toBeDefined();
      }
    }
  });

  it("describes ids as strings and times as date-time strings", () => {
    const message = doc.components?.schemas?.Message as OpenAPIV3_1.SchemaObject;
    const properties = message.properties as Record<string, OpenAPIV3_1.SchemaObject>;
    expect(properties.id).toMatchObject({ type: "string" });
    expect(properties.createdAt).toMatchObject({ type: "string", format: "date-time" });
    const server = doc.components?.schemas?.Server as OpenAPIV3_1.SchemaObject;
    expect(server.required).toEqual(["id", "name", "ownerId", "inviteCode", "createdAt", "iconUrl"]);
  });
});

describe("GET /docs", () => {
  it("renders every route in Chromium from the app alone, with no request to another host", async () => {
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    try {
      const page = await browser.newPage();
      const elsewhere: string[] = [];
      await page.route("**/*", (route) => {
        if (route.request().url().startsWith(baseUrl)) return route.continue();
        elsewhere.push(route.request().url());
        return route.abort();
      });
      await page.goto(`${baseUrl}/docs`);
      await page.locator(".opblock").nth(routeTable.length - 1).waitFor({ timeout: 60_000 });
      expect(await page.locator(".opblock").count()).toBe(routeTable.length);
      expect(await page.locator(".opblock-summary-path").allInnerTexts()).toContain("/servers/{serverId}/members/{userId}");
      await expect(page.title()).resolves.toBe("Chat RTC REST API");
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe("CORS on /api/v1", () => {
  it("lets allowlisted origins and the app's own read responses (errors too), and no other origin", async () => {
    const read = (origin: string) => rest("GET", "/auth/me", { headers: { origin } });
    for (const origin of [...allowedOrigins, baseUrl]) {
      const response = await read(origin);
      expect(response.status).toBe(401);
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-expose-headers")).toContain("retry-after");
      expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    }
    const foreign = await read("https://evil.example.com");
    expect(foreign.headers.get("access-control-allow-origin")).toBeNull();
    expect(foreign.headers.get("vary")).toContain("Origin");
  });

  it("answers preflights: 204 with the methods and headers for allowed origins, 403 for others", async () => {
    const preflight = (origin: string) =>
      fetch(`${baseUrl}/api/v1/servers`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" },
      });
    const allowed = await preflight(ALLOWED_ORIGIN);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    expect(allowed.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await preflight("https://evil.example.com");
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    expect(await refused.json()).toEqual({ code: "FORBIDDEN", message: expect.any(String) });
  });

  it("serves the document to allowlisted pages too", async () => {
    const response = await fetch(`${baseUrl}/api/v1/openapi.json`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.headers.get("access-control-allow-origin")).toBe(ALLOWED_ORIGIN);
  });
});
