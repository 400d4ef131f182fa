/**
 * The web server process (apps/web/server.ts) as an operator sees it: health and readiness probes,
 * logs that keep secrets out, and a graceful stop on SIGTERM. It logs at trace level, the most it
 * ever writes, and has an empty database of its own (PostgreSQL and Redis when the run has them).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { createTestServerEnv } from "@chat/db/testing";
import { env } from "@chat/env";
import { freePort } from "@chat/vitest-config/free-port";
import { connectionRefused, type ServerProcess, slowPost, startServerProcess } from "@chat/server-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { root } from "./support/deployment-files";

const dataDir = mkdtempSync(path.join(tmpdir(), "chat-rtc-web-process-"));
let database: Awaited<ReturnType<typeof createTestServerEnv>>;
let app: ServerProcess;
beforeAll(async () => {
  database = await createTestServerEnv(dataDir);
  const port = await freePort();
  app = await startServerProcess({
    cwd: path.join(root, "apps/web"),
    entry: "server.ts",
    port,
    env: {
      PORT: String(port),
      LOG_LEVEL: "trace",
      LOG_FORMAT: "json",
      SHUTDOWN_TIMEOUT_MS: "20000",
      ...database.env,
      ...(env.REDIS_URL ? { REDIS_URL: env.REDIS_URL, REDIS_PREFIX: `chat-web-process:${randomUUID()}:` } : {}),
    },
  });
});
afterAll(async () => {
  await app.stop();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

const signupBody = (name: string, password: string) =>
  JSON.stringify({ json: { username: name, email: `${name}@example.com`, password } });

async function call(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ json: body }),
  });
  const json = (await response.json()) as { result?: { data: { json: Record<string, unknown> } } };
  return { response, data: json.result?.data.json ?? {} };
}

const logRecords = () =>
  app
    .logs()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("probes", () => {
  it("report the process alive and its dependencies ready", async () => {
    const health = await fetch(`${app.url}/api/health`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    const ready = await fetch(`${app.url}/api/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", ...(env.REDIS_URL ? { redis: "ok" } : {}) },
    });
  });
});

describe("logs", () => {
  it("name requests and callers, and never contain passwords, tokens or message bodies", async () => {
    const name = `logs_${randomUUID().slice(0, 8)}`;
    const password = `pw-${randomUUID()}`;
    const body = `a private message ${randomUUID()}`;
    const secrets = [password, body];

    const signup = await call("auth.signup", { username: name, email: `${name}@example.com`, password });
    const login = await call("auth.login", { email: `${name}@example.com`, password });
    await call("auth.login", { email: `${name}@example.com`, password: `${password}-wrong` });
    const token = String(login.data.token);
    secrets.push(String(signup.data.token), token, `${password}-wrong`);
    for (const cookie of [signup.response, login.response].map((response) => response.headers.get("set-cookie"))) {
      secrets.push(/chat_session=([^;]+)/.exec(cookie ?? "")?.[1] ?? "missing cookie");
    }
    const auth = { authorization: `Bearer ${token}` };
    const server = await call("server.create", { name: "Logged" }, auth);
    const channel = await call("channel.create", { serverId: server.data.id, name: "quiet" }, auth);
    const sent = await call("message.send", { channelId: channel.data.id, content: body }, auth);
    expect(sent.response.status).toBe(200);
    await call("message.send", { channelId: "1", content: body }, auth); // a failure logs too

    await app.waitForLine((line) => line.includes('"path":"/api/trpc/message.send"') && line.includes('"status":404'));
    const output = app.logs();
    for (const secret of secrets) expect(output).not.toContain(secret);

    const requestId = sent.response.headers.get("x-request-id");
    const line = logRecords().find((record) => record.msg === "request" && record.requestId === requestId);
    const userId = (login.data.user as { id: string }).id;
    expect(line).toMatchObject({ method: "POST", path: "/api/trpc/message.send", status: 200, userId });
    const loginId = login.response.headers.get("x-request-id");
    expect(logRecords().find((record) => record.msg === "request" && record.requestId === loginId)).toMatchObject({ userId });
    expect(line?.ms).toEqual(expect.any(Number));
  });
});

describe("SIGTERM", () => {
  it("lets the request in flight finish, refuses new connections and exits 0", async () => {
    const requestId = `in-flight-${randomUUID()}`;
    const name = `late_${randomUUID().slice(0, 8)}`;
    const inFlight = slowPost(app.port, "/api/trpc/auth.signup", signupBody(name, "a password in flight"), {
      "content-type": "application/json",
      "x-request-id": requestId,
    });
    // The server has the request (half its body) before the signal is sent.
    await app.waitForLine((line) => line.includes('"msg":"request started"') && line.includes(requestId));

    app.signal("SIGTERM");
    await app.waitForLine((line) => line.includes("shutting down"));
    expect(await connectionRefused(app.port)).toBe(true);

    const response = await inFlight.finish();
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ result: { data: { json: { user: { username: name } } } } });
    // The process enforces SHUTDOWN_TIMEOUT_MS itself: past it, it would exit 1.
    expect(await app.exited).toBe(0);
    expect(logRecords().find((record) => record.msg === "shut down")).toMatchObject({ code: 0 });
  });
});
