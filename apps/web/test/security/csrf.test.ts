/**
 * Cross-site request forgery and origin checks on the real app server: cookie-authenticated
 * tRPC mutations only from the app's own origin or ALLOWED_ORIGINS, bearer tokens from
 * anywhere, and WebSocket upgrades by the same rule.
 */
import { once } from "node:events";

import { describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

import { allowedOrigins } from "../shared-app-env";
import { useOwnClientAddress } from "../support/client-address";
import { runId } from "../support/http";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const evil = "https://evil.example";

let counter = 0;
async function signUp(headers: Record<string, string> = {}) {
  const username = `csrf_${runId}_${++counter}`;
  return fetch(`${baseUrl}/api/trpc/auth.signup`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { username, email: `${username}@example.com`, password: "correct horse battery" } }),
  });
}

async function session() {
  const response = await signUp();
  const body = (await response.json()) as { result: { data: { json: { token: string } } } };
  return { cookie: response.headers.get("set-cookie")!.split(";")[0]!, token: body.result.data.json.token };
}

async function createServer(headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}/api/trpc/server.create`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: { name: "CSRF" } }),
  });
  const body = (await response.json()) as { error?: { json: { data: { code: string } } } };
  return { status: response.status, code: body.error?.json.data.code ?? "ok" };
}

describe("CSRF on cookie-authenticated tRPC mutations", () => {
  it("refuses a cookie-authenticated mutation from another site's page with 403", async () => {
    const { cookie } = await session();
    expect(await createServer({ cookie, origin: evil })).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await createServer({ cookie, "sec-fetch-site": "cross-site" })).toEqual({ status: 403, code: "FORBIDDEN" });
    expect(await createServer({ cookie, origin: "null" })).toEqual({ status: 403, code: "FORBIDDEN" });
  });

  it("accepts it from the app's own origin, an allowed origin, or a client that is no browser", async () => {
    const { cookie } = await session();
    expect(await createServer({ cookie, origin: baseUrl })).toEqual({ status: 200, code: "ok" });
    for (const origin of allowedOrigins) expect(await createServer({ cookie, origin })).toEqual({ status: 200, code: "ok" });
    expect(await createServer({ cookie, "sec-fetch-site": "same-origin" })).toEqual({ status: 200, code: "ok" });
    expect(await createServer({ cookie })).toEqual({ status: 200, code: "ok" });
  });

  it("leaves bearer-token requests alone, whatever their origin", async () => {
    const { token } = await session();
    expect(await createServer({ authorization: `Bearer ${token}`, origin: evil })).toEqual({ status: 200, code: "ok" });
  });

  it("refuses signup and login from another site too (no login CSRF)", async () => {
    expect((await signUp({ origin: evil })).status).toBe(403);
  });

  it("lets queries through: another site's page cannot read them (no CORS on /api/trpc)", async () => {
    const { cookie } = await session();
    const response = await fetch(`${baseUrl}/api/trpc/auth.me`, { headers: { cookie, origin: evil } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("WebSocket origin check on /api/ws", () => {
  const wsUrl = `${baseUrl.replace(/^http/, "ws")}/api/ws`;
  it("refuses an upgrade from another site with 403", async () => {
    const socket = new WebSocket(wsUrl, { headers: { origin: evil } });
    const [, response] = (await once(socket, "unexpected-response")) as [unknown, { statusCode: number }];
    expect(response.statusCode).toBe(403);
  });

  it("accepts its own origin, ALLOWED_ORIGINS and clients without an Origin", async () => {
    for (const headers of [{ origin: baseUrl }, ...allowedOrigins.map((origin) => ({ origin })), {}]) {
      const socket = new WebSocket(wsUrl, { headers });
      await once(socket, "open");
      socket.close();
    }
  });
});
