/**
 * Chaos, bounded: two apps/realtime processes on a PostgreSQL cluster and a Redis of this test's
 * own (both are stopped on purpose; the shared servers are never touched).
 * - An instance is killed (SIGKILL) under subscribed clients: they reconnect to the other and
 *   resume from their last event id, missing nothing and receiving nothing twice.
 * - Redis restarts: fan-out resumes and the gap is filled from the database.
 * - PostgreSQL stops: calls get SERVICE_UNAVAILABLE (503), not a 500, neither process exits,
 *   and service returns by itself once PostgreSQL is back.
 */
import { randomBytes } from "node:crypto";

import type { ChannelEvent } from "@chat/api";
import { type PrivatePostgres, startPrivatePostgres } from "@chat/db/testing";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type Running, startRealtime, type WsOnlyClient, wsClient } from "./processes";

const SUBSCRIBERS = 10;

let pg: PrivatePostgres;
let redis: RedisServer;
let serverEnv: Record<string, string>;
const running: Running[] = [];
const clients: WsOnlyClient[] = [];
const totals = { sent: 0, delivered: 0, missing: 0, duplicated: 0, failedOver: 0 };

beforeAll(async () => {
  [pg, redis] = await Promise.all([startPrivatePostgres(), startRedisServer()]);
  serverEnv = {
    DATABASE_URL: pg.url,
    REDIS_URL: redis.url,
    REDIS_PREFIX: `chat-chaos:${randomBytes(4).toString("hex")}:`,
    AUTH_SECRET: randomBytes(32).toString("hex"),
    // Every client of this test connects from this one machine and keeps its sockets to the end, and
    // the subscribers of a room are its owner's: the caps would refuse them (connection floods: ws-safety).
    WS_MAX_CONNECTIONS_PER_ADDRESS: "1000",
    WS_MAX_CONNECTIONS_PER_USER: "1000",
  };
  running.push(await startRealtime(serverEnv)); // the first migrates the database alone
  running.push(await startRealtime(serverEnv));
});
afterAll(async () => {
  console.log(
    `chaos: ${totals.sent} messages sent, ${totals.delivered} deliveries checked, ${totals.missing} missing, ` +
      `${totals.duplicated} duplicated, ${totals.failedOver} subscribers failed over`,
  );
  await Promise.all(clients.map((client) => client.close()));
  for (const instance of running) if (instance.child.exitCode === null) instance.child.kill("SIGKILL");
  await redis?.stop();
  pg?.destroy();
});

function client(url: string | (() => string), token?: string) {
  const opened = wsClient(url, token);
  clients.push(opened);
  return opened.api;
}

async function signUp(url: string) {
  const username = `chaos${randomBytes(3).toString("hex")}`;
  const { token } = await client(url).auth.signup.mutate({ username, email: `${username}@example.com`, password: "correct horse battery" });
  return { token, api: client(url, token) };
}

/**
 * A signed-up owner with a server and its first channel, on `url`, and `members` more senders:
 * each may send 5 messages per 5 s (the production limit), so bursts take turns.
 */
async function room(url: string, members = 0) {
  const owner = await signUp(url);
  const server = await owner.api.server.create.mutate({ name: "Chaos" });
  const [channel] = await owner.api.channel.list.query({ serverId: server.id });
  const senders = [owner];
  for (let i = 0; i < members; i++) {
    const member = await signUp(url);
    await member.api.server.join.mutate({ inviteCode: server.inviteCode });
    senders.push(member);
  }
  let turn = 0;
  const sent: string[] = [];
  const send = async (content: string) => {
    const sender = senders[turn++ % senders.length]!;
    sent.push((await sender.api.message.send.mutate({ channelId: channel!.id, content })).id);
  };
  return { ...owner, channelId: channel!.id, sent, send };
}

type Item = { id: string; data: ChannelEvent | { type: "ready" } };

/** A subscriber of `channelId` whose connection goes to `urls` in turn: each reconnect picks the next. */
function subscriber(urls: () => string[], token: string, channelId: string) {
  let turn = 0;
  const ids: string[] = [];
  const errors: unknown[] = [];
  let ready = false;
  client(() => urls()[turn++ % urls().length]!, token).message.onEvent.subscribe(
    { channelId },
    {
      onData: (item: Item) => {
        if (item.data.type === "ready") ready = true;
        else if (item.data.type === "created") ids.push(item.data.message.id);
      },
      onError: (error) => errors.push(error),
    },
  );
  return { ids, errors, get ready() { return ready; }, get connections() { return turn; } };
}

async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 25));
}

/** Every subscriber got exactly `sent`, in order; adds to the totals. */
function expectDelivered(subscribers: Array<ReturnType<typeof subscriber>>, sent: string[]) {
  for (const { ids, errors } of subscribers) {
    totals.delivered += ids.length;
    totals.missing += sent.filter((id) => !ids.includes(id)).length;
    totals.duplicated += ids.length - new Set(ids).size;
    expect(ids).toEqual(sent);
    expect(errors).toEqual([]);
  }
}

describe("chaos with two instances, PostgreSQL and Redis", () => {
  it("an instance killed under its subscribers: they reconnect to the other and resume, nothing missed", async () => {
    const [a, b] = running as [Running, Running];
    const chat = await room(b.url, 3);
    const alive = (instance: Running) => instance.child.exitCode === null && instance.child.signalCode === null;
    const urls = () => running.filter(alive).map((instance) => instance.url);
    const onA = () => [a.url, ...urls().filter((url) => url !== a.url)];
    const subscribers = Array.from({ length: SUBSCRIBERS }, () => subscriber(onA, chat.token, chat.channelId));
    await until(() => subscribers.every((s) => s.ready));

    const { sent } = chat;
    const send = async (n: number) => {
      for (let i = 0; i < n; i++) await chat.send(`m${sent.length}`);
    };
    await send(5);
    a.child.kill("SIGKILL");
    await send(10); // while the subscribers find their way to B
    await until(() => subscribers.every((s) => s.connections >= 2));
    await send(5);
    totals.sent += sent.length;
    await until(() => subscribers.every((s) => s.ids.length >= sent.length));
    expectDelivered(subscribers, sent);
    totals.failedOver += subscribers.length;
    expect(a.child.signalCode).toBe("SIGKILL");
    running.splice(running.indexOf(a), 1, await startRealtime(serverEnv)); // back to two for the next tests
  });

  it("Redis restarts: fan-out across instances resumes and the gap is filled from the database", async () => {
    const [a, b] = running as [Running, Running];
    const chat = await room(b.url);
    const subscribers = Array.from({ length: SUBSCRIBERS }, () => subscriber(() => [a.url], chat.token, chat.channelId));
    await until(() => subscribers.every((s) => s.ready));
    const { sent, send } = chat;

    await send("before");
    await redis.stop();
    await send("while Redis is down 1");
    await send("while Redis is down 2");
    await redis.start();
    await send("after the restart");
    totals.sent += sent.length;
    await until(() => subscribers.every((s) => s.ids.length >= sent.length));
    expectDelivered(subscribers, sent);
  });

  it("PostgreSQL stops: 503 SERVICE_UNAVAILABLE, no process exits, and service returns by itself", async () => {
    const [a, b] = running as [Running, Running];
    const chat = await room(a.url);
    const watcher = subscriber(() => [b.url], chat.token, chat.channelId);
    await until(() => watcher.ready);
    const anonymous = [client(a.url), client(b.url)];

    pg.stop();
    const unavailable = (error: unknown) =>
      error instanceof TRPCClientError && error.data?.code === "SERVICE_UNAVAILABLE" && error.data?.httpStatus === 503;
    await expect(chat.send("during")).rejects.toSatisfy(unavailable);
    for (const api of anonymous) {
      await expect(api.auth.login.mutate({ email: "nobody@example.com", password: "whatever1" })).rejects.toSatisfy(unavailable);
    }
    for (const instance of running) {
      expect(instance.child.exitCode).toBeNull();
      expect((await fetch(instance.healthUrl)).status).toBe(200);
    }

    pg.start();
    const { sent } = chat;
    await until(() => chat.send("after").then(() => true, () => false));
    totals.sent += sent.length;
    await until(() => watcher.ids.length >= 1);
    expectDelivered([watcher], sent);
    for (const instance of running) expect(instance.child.exitCode).toBeNull();
  });
});
