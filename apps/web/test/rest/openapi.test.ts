import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { compileErrors, validate } from "@readme/openapi-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { allowedOrigins } from "../shared-app-env";
import { restClient } from "../support/http";
import { anonymousRoutes, fileRouteTable, pathShape, routeTable } from "./routes";

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
function allOperations(): { method: Method; path: string; operation: OpenAPIV3_1.OperationObject }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    (["get", "post", "put", "patch", "delete"] as const).flatMap((method) =>
      item?.[method] ? [{ method, path, operation: item[method] }] : [],
    ),
  );
}
/** The file routes sit at the app's origin, under /api: their paths say so whole. */
const isFileRoute = (path: string) => path.startsWith("/api/");
/** The procedures, under /api/v1. */
const operations = () => allOperations().filter(({ path }) => !isFileRoute(path));
const fileOperations = () => allOperations().filter(({ path }) => isFileRoute(path));

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
    expect(doc.components?.securitySchemes?.bearerAuth).toEqual({ type: "http", scheme: "bearer", bearerFormat: "JWT" });
    for (const { method, path, operation } of operations()) {
      const anonymous = anonymousRoutes.has(`${method.toUpperCase()} ${path}`);
      expect(operation.security, path).toEqual(anonymous ? undefined : [{ bearerAuth: [] }]);
      if (!anonymous) expect(Object.keys(operation.responses ?? {}), path).toContain("401");
    }
  });

  it("documents the 413 of an oversized body on every route that takes one", () => {
    for (const { method, path, operation } of allOperations()) {
      const takesBody = ["post", "put", "patch"].includes(method);
      expect(Object.keys(operation.responses ?? {}).includes("413"), `${method} ${path}`).toBe(takesBody);
    }
  });

  it("gives every error response the one Error schema, and 429 its Retry-After header", () => {
    const error = doc.components?.schemas?.Error as OpenAPIV3_1.SchemaObject;
    expect(error.required).toEqual(["code", "message"]);
    expect(Object.keys(error.properties ?? {})).toEqual(["code", "message", "issues"]);
    for (const { path, operation } of allOperations()) {
      for (const [status, response] of Object.entries(operation.responses ?? {}) as [string, OpenAPIV3_1.ResponseObject][]) {
        if (Number(status) < 400) continue;
        expect(response.content?.["application/json"]?.schema, `${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
        // The emoji upload's 429 comes without the header, and says so.
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

describe("the file routes in the document", () => {
  it("describes each, under /api at the app's origin, with its methods and statuses", () => {
    const documented = fileOperations().map(({ method, path, operation }) => [
      method.toUpperCase(),
      pathShape(path),
      Object.keys(operation.responses ?? {}).map(Number),
    ]);
    const required = fileRouteTable.map(([method, path, statuses]) => [method, pathShape(path), [...statuses]]);
    expect(documented.sort()).toEqual(required.sort());
    for (const path of new Set(fileOperations().map((o) => o.path))) expect(doc.paths?.[path]?.servers, path).toEqual([expect.objectContaining({ url: "/" })]);
  });

  it("says how each authenticates: the upload's URL token, else a bearer token or the session cookie", () => {
    expect(doc.components?.securitySchemes?.sessionCookie).toMatchObject({ type: "apiKey", in: "cookie", name: "chat_session" });
    for (const { method, path, operation } of fileOperations()) {
      const isUpload = path.startsWith("/api/uploads/");
      expect(operation.security, `${method} ${path}`).toEqual(isUpload ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }]);
      if (isUpload) expect(operation.parameters).toContainEqual(expect.objectContaining({ name: "token", in: "query", required: true }));
    }
  });

  it("describes the bodies: raw bytes in, and the JSON of each answer", () => {
    const operation = (method: Method, path: string) =>
      fileOperations().find((o) => o.method === method && pathShape(o.path) === pathShape(path))!.operation;
    const json = (method: Method, path: string, status: string) =>
      (operation(method, path).responses?.[status] as OpenAPIV3_1.ResponseObject).content?.["application/json"]?.schema;
    for (const [method, path] of fileRouteTable) {
      const body = operation(method.toLowerCase() as Method, path).requestBody as OpenAPIV3_1.RequestBodyObject | undefined;
      if (method === "PUT") expect(body?.content?.["application/octet-stream"]?.schema, path).toEqual({ type: "string", format: "binary" });
      else expect(body, path).toBeUndefined();
    }
    expect(json("put", "/api/avatars/me", "200")).toMatchObject({ required: ["avatarUrl"] });
    expect(json("put", "/api/servers/{serverId}/icon", "200")).toMatchObject({ required: ["iconUrl"] });
    expect(json("put", "/api/servers/{serverId}/emojis", "201")).toEqual({ $ref: "#/components/schemas/Emoji" });
    expect(doc.components?.schemas?.Emoji).toBeDefined();
    expect(json("put", "/api/uploads/{attachmentId}", "200")).toMatchObject({ required: ["id", "size"] });
    expect(operation("put", "/api/avatars/me").description).toContain("8 MiB");
    expect(operation("put", "/api/servers/{serverId}/emojis").description).toContain("256 KiB");
    expect(operation("put", "/api/uploads/{attachmentId}").description).toContain("UPLOAD_MAX_BYTES");
    const thumbnails = operation("get", "/api/attachments/{attachmentId}/{filename}").parameters as OpenAPIV3_1.ParameterObject[];
    expect(thumbnails.find((p) => p.name === "size")?.schema).toEqual({ type: "integer", enum: [400, 1600] });
    expect(thumbnails.find((p) => p.name === "download")).toBeDefined();
  });

  it("has a path for every route handler under /api but the procedures' (trpc, v1), so none is forgotten", () => {
    const apiDir = fileURLToPath(new URL("../../src/app/api/", import.meta.url));
    const handlers = readdirSync(apiDir, { recursive: true, encoding: "utf8" })
      .filter((file) => /(^|\/)route\.ts$/.test(file) && !/^(trpc|v1|ws)(\/|$)/.test(file))
      .map((file) => `/api/${file.replace(/\/?route\.ts$/, "")}`.replace(/\[[^\]]+\]/g, "{}"));
    expect(handlers.length).toBeGreaterThanOrEqual(9);
    const documented = new Set(fileOperations().map(({ path }) => pathShape(path)));
    for (const handler of handlers) expect(documented, handler).toContain(handler);
    expect([...documented].sort()).toEqual([...new Set(handlers)].sort());
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
      const count = routeTable.length + fileRouteTable.length;
      await page.locator(".opblock").nth(count - 1).waitFor({ timeout: 60_000 });
      expect(await page.locator(".opblock").count()).toBe(count);
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
