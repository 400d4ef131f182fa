import { mkdtempSync, rmSync } from "node:fs";
import { type Server, createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";

import { type DatabaseHandle, openDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { createTestServerEnv } from "@chat/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Probes, type ReadinessCheck, createProbes, redisCheck, standardChecks } from "../src";
import { captureLogs, listen, startRedis } from "./support";

/** An unmigrated database of the test's own: the readiness check must see it migrate. */
let dir: string;
let scratch: Awaited<ReturnType<typeof createTestServerEnv>>;
let handle: DatabaseHandle;
let redis: Awaited<ReturnType<typeof startRedis>>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "chat-rtc-probes-"));
  scratch = await createTestServerEnv(dir);
  handle = await openDatabase(scratch.env.DATABASE_URL ? { url: scratch.env.DATABASE_URL } : { dataDir: path.join(dir, "pglite") });
  redis = await startRedis();
});
afterAll(async () => {
  await handle.close();
  await scratch.drop();
  await redis.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function serve(probes: Probes): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    if (!probes.handle(req, res)) res.writeHead(404).end();
  });
  return { url: `http://127.0.0.1:${await listen(server)}`, server };
}

async function get(url: string) {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as unknown };
}

describe("health and readiness probes", () => {
  it("are ready once the database is migrated and Redis answers, and say which check fails", async () => {
    const { logger, records } = captureLogs();
    const probes = createProbes({ checks: standardChecks(handle, redis.url), logger });
    const { url, server } = await serve(probes);
    try {
      expect(await get(`${url}/api/health`)).toEqual({ status: 200, body: { status: "ok" } });
      expect(await get(`${url}/api/ready`)).toEqual({
        status: 503,
        body: { status: "unready", checks: { database: "ok", migrations: "failed", redis: "ok" } },
      });
      await migrateDatabase(handle);
      expect(await get(`${url}/api/ready`)).toEqual({
        status: 200,
        body: { status: "ready", checks: { database: "ok", migrations: "ok", redis: "ok" } },
      });
      expect((await fetch(`${url}/elsewhere`)).status).toBe(404);

      await redis.stop();
      expect(await get(`${url}/api/ready`)).toMatchObject({ status: 503, body: { checks: { redis: "failed" } } });
      expect(await get(`${url}/api/health`)).toEqual({ status: 200, body: { status: "ok" } }); // alive, just not ready
      const failures = records().filter((record) => record.msg === "readiness check failed");
      expect(failures.map((record) => record.check)).toEqual(["migrations", "redis"]); // once per change, not per poll
    } finally {
      server.close();
      await probes.close();
    }
  });

  it("turn unready while draining and never hang on a silent dependency", async () => {
    const silent: ReadinessCheck = { name: "silent", run: () => new Promise(() => undefined) };
    const probes = createProbes({ checks: [silent], logger: captureLogs().logger, timeoutMs: 100 });
    const { url, server } = await serve(probes);
    try {
      expect(await get(`${url}/api/ready`)).toEqual({ status: 503, body: { status: "unready", checks: { silent: "failed" } } });
      probes.drain();
      expect(await get(`${url}/api/ready`)).toMatchObject({ status: 503, body: { status: "draining" } });
      expect((await fetch(`${url}/api/health`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it("fail the Redis check at once when nothing listens", async () => {
    const check = redisCheck("redis://127.0.0.1:1");
    try {
      await expect(check.run()).rejects.toThrow();
    } finally {
      await check.close?.();
    }
  });
});
