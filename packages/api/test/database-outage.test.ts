/**
 * PostgreSQL goes away under a running instance (a private cluster of this test's own, never the
 * shared server): every call answers 503 SERVICE_UNAVAILABLE, never a 500, the process stays up,
 * and service comes back by itself once the database is back, live subscriptions included.
 */
import { type DatabaseHandle, openDatabase } from "@chat/db";
import { migrateDatabase } from "@chat/db/migrate";
import { type PrivatePostgres, startPrivatePostgres } from "@chat/db/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ChannelEvent } from "../src";
import { collector, eventually, type Instance, startInstance } from "./live-harness";

let pg: PrivatePostgres;
let handle: DatabaseHandle;
let instance: Instance;
let calls = 0;

beforeAll(async () => {
  pg = await startPrivatePostgres();
  handle = await openDatabase({ url: pg.url, maxConnections: 5 });
  await migrateDatabase(handle);
  instance = await startInstance({ db: handle.db });
});
afterAll(async () => {
  console.log(`database outage: ${calls} calls made while PostgreSQL was down, none answered 500`);
  await instance?.close();
  await handle?.close();
  pg?.destroy();
});

async function post(path: string, json: unknown, token?: string) {
  calls++;
  const response = await fetch(`${instance.httpUrl}/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify({ json }),
  });
  const body = (await response.json()) as { error?: { json: { data: { code: string } } } };
  return { status: response.status, code: body.error?.json.data.code ?? "ok" };
}

async function get(path: string, token: string) {
  calls++;
  const response = await fetch(`${instance.httpUrl}/${path}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  return response.status;
}

describe("PostgreSQL stops and starts again", () => {
  it("answers 503 meanwhile, over HTTP and WebSocket, and recovers by itself", async () => {
    const username = `outage${Date.now()}`;
    const signup = { username, email: `${username}@example.com`, password: "correct horse battery" };
    const { token } = await instance.client().api.auth.signup.mutate(signup);
    const api = instance.client(token).api;
    const server = await api.server.create.mutate({ name: "Outage" });
    const [channel] = await api.channel.list.query({ serverId: server.id });
    const events = collector<{ data: ChannelEvent | { type: "ready" } }>();
    const contentOf = ({ data }: { data: ChannelEvent | { type: "ready" } }) => (data.type === "created" ? data.message.content : null);
    api.message.onEvent.subscribe({ channelId: channel!.id }, events);
    await events.until(() => events.items.length === 1);

    pg.stop();
    const unavailable = { status: 503, code: "SERVICE_UNAVAILABLE" };
    expect(await post("message.send", { channelId: channel!.id, content: "lost?" }, token)).toEqual(unavailable);
    expect(await post("server.create", { name: "Nope" }, token)).toEqual(unavailable);
    expect(await post("auth.login", { email: signup.email, password: signup.password })).toEqual(unavailable);
    expect(await get("auth.me", token)).toBe(503);
    expect(await get(`channel.list?input=${encodeURIComponent(JSON.stringify({ json: { serverId: server.id } }))}`, token)).toBe(503);
    calls++;
    await expect(instance.client().api.auth.login.mutate(signup)).rejects.toSatisfy(
      (error) => error instanceof TRPCClientError && error.data?.code === "SERVICE_UNAVAILABLE",
    );

    pg.start();
    await eventually(async () => (await get("auth.me", token)) === 200);
    await api.message.send.mutate({ channelId: channel!.id, content: "after the outage" });
    await events.until(() => events.items.some((item) => contentOf(item) === "after the outage"));
    expect(events.items.filter((item) => contentOf(item) === "lost?")).toEqual([]);
    expect(events.errors).toEqual([]);
  });
});
