/**
 * `pnpm dev`, what a newcomer runs first: the development server (Next's, through server.ts and
 * tsx) serves the API, passes upgrades other than /api/ws (hot reload) to Next, and serves pages
 * that hydrate under its own policy (which lets the dev tooling evaluate code), a page opened at
 * 127.0.0.1 included, whose dev resources Next refuses to other origins unless
 * `allowedDevOrigins` names it. The rest of the HTTP tests share a production server (global-setup.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type AppServer, startAppServer } from "./app-server";
import { expectNoViolation } from "./support/csp-violations";
import { upgradeStatus } from "./support/upgrade-status";

describe("the development server", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer();
  }, 300_000);
  afterAll(() => server?.stop());

  it("answers the API through the route handlers", async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const me = await fetch(`${server.url}/api/trpc/auth.me`);
    expect(me.status).toBe(401);
    expect(((await me.json()) as { error: { json: { data: { code: string } } } }).error.json.data.code).toBe("UNAUTHORIZED");
  }, 300_000);

  it("passes other upgrades (hot reload) to Next", async () => {
    expect(await upgradeStatus(`${server.url.replace(/^http/, "ws")}/_next/hmr`)).toBe(101);
  });

  it("lets the app and /docs run, and a page hydrate, in Chromium with no policy violation", async () => {
    await expectNoViolation(server.url);
  }, 400_000);
});
