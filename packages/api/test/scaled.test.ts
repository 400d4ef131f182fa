/**
 * Several instances side by side, sharing the database and Redis: a message sent through any
 * instance reaches subscribers on every instance, presence and typing are shared, and a Redis
 * restart mid-stream loses nothing. Uses REDIS_URL (with a private key prefix) when set, and a
 * private redis-server on a free port otherwise; the Redis restart always gets its own server.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";

import type { DatabaseHandle } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { env } from "@chat/env";
import { createRealtime } from "@chat/realtime";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { collector, type Instance, startInstance } from "./live-harness";

type Item = { id: string; data: { type: string; message?: { id: string } } };
type Presence = { type: string; userId?: string; status?: string };

let handle: DatabaseHandle;
let privateRedis: RedisServer | undefined;
let redisUrl: string;
const instances: Instance[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  if (env.REDIS_URL) redisUrl = env.REDIS_URL;
  else {
    privateRedis = await startRedisServer();
    redisUrl = privateRedis.url;
  }
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
  await Promise.all(instances.map((instance) => instance.services.realtime.close()));
  await privateRedis?.stop();
  await handle.close();
});

/** `count` instances on one Redis, under a key prefix of their own. */
async function cluster(count: number, url = redisUrl) {
  const prefix = `chat-test:${randomBytes(4).toString("hex")}:`;
  const started = await Promise.all(
    Array.from({ length: count }, () => startInstance({ db: handle.db, realtime: createRealtime({ redisUrl: url, prefix }) })),
  );
  instances.push(...started);
  return started;
}

let counter = 0;
/** A new account, signed up through `instance`, and a server (with a channel) it owns or joins. */
async function person(instance: Instance, invite?: string) {
  const username = `scaled${++counter}${randomBytes(2).toString("hex")}`;
  const { token, user } = await instance
    .client()
    .api.auth.signup.mutate({ username, email: `${username}@example.com`, password: "correct horse battery" });
  const api = instance.client(token).api;
  const server = invite ? await api.server.join.mutate({ inviteCode: invite }) : await api.server.create.mutate({ name: "Scaled" });
  const [channel] = await api.channel.list.query({ serverId: server.id });
  return { token, id: user.id, username, server, channelId: channel!.id };
}

const created = (items: Item[]) => items.filter((item) => item.data.type === "created").map((item) => item.data.message!.id);

describe("two instances on PostgreSQL or PGlite, and Redis", () => {
  it("delivers a message sent on either instance to subscribers on both", async () => {
    const [a, b] = await cluster(2);
    const owner = await person(a!);
    const member = await person(b!, owner.server.inviteCode!);
    const onA = collector<Item>();
    const onB = collector<Item>();
    a!.client(owner.token).api.message.onEvent.subscribe({ channelId: owner.channelId }, onA);
    b!.client(member.token).api.message.onEvent.subscribe({ channelId: owner.channelId }, onB);
    await Promise.all([onA, onB].map((events) => events.until(() => events.items.length === 1)));

    const viaA = await a!.client(owner.token).api.message.send.mutate({ channelId: owner.channelId, content: "sent on A" });
    const viaB = await b!.client(member.token).api.message.send.mutate({ channelId: owner.channelId, content: "sent on B" });
    for (const events of [onA, onB]) {
      await events.until(() => created(events.items).length === 2);
      expect(created(events.items)).toEqual([viaA.id, viaB.id]);
    }
  });

  it("bumps unread on user.onEvent across instances: one publish per server, filtered per user", async () => {
    const [a, b] = await cluster(2);
    const owner = await person(a!);
    const reader = await person(b!, owner.server.inviteCode!);
    const events = collector<{ type: string; mentioned?: boolean; preview?: { excerpt: string } | null }>();
    b!.client(reader.token).api.user.onEvent.subscribe(undefined, events);
    await events.until(() => events.items.some((event) => event.type === "sync"));
    await a!.client(owner.token).api.message.send.mutate({ channelId: owner.channelId, content: `@${reader.username} over Redis` });
    await events.until(() => events.items.some((event) => event.type === "message"));
    expect(events.items.find((event) => event.type === "message")).toMatchObject({ mentioned: true, preview: { excerpt: `@${reader.username} over Redis` } });
  });

  it("shares typing: a start on A shows on B, and the message sent on A clears it", async () => {
    const [a, b] = await cluster(2);
    const owner = await person(a!);
    const typist = await person(a!, owner.server.inviteCode!);
    const typing = collector<Array<{ userId: string }>>();
    b!.client(owner.token).api.typing.onEvent.subscribe({ channelId: owner.channelId }, typing);
    await typing.until(() => typing.items.length === 1);
    await a!.client(typist.token).api.typing.start.mutate({ channelId: owner.channelId });
    await typing.until(() => typing.items.length === 2);
    expect(typing.items[1]).toEqual([{ userId: typist.id, username: typist.username }]);
    await a!.client(typist.token).api.message.send.mutate({ channelId: owner.channelId, content: "typed" });
    await typing.until(() => typing.items.length === 3);
    expect(typing.items[2]).toEqual([]);
  });

  it("counts a user online while any instance holds a connection, offline after the last closes", async () => {
    const [a, b] = await cluster(2);
    const owner = await person(a!);
    const roamer = await person(a!, owner.server.inviteCode!);
    const presence = collector<Presence>();
    a!.client(owner.token).api.presence.onEvent.subscribe({ serverId: owner.server.id }, presence);
    await presence.until(() => presence.items.length === 1);

    const onB = b!.client(roamer.token);
    onB.api.message.onEvent.subscribe({ channelId: owner.channelId }, collector());
    await presence.until(() => presence.items.length === 2);
    expect(presence.items[1]).toEqual({ type: "change", userId: roamer.id, status: "online" });

    const onA = a!.client(roamer.token);
    const alsoOnA = collector();
    onA.api.message.onEvent.subscribe({ channelId: owner.channelId }, alsoOnA);
    await alsoOnA.until(() => alsoOnA.items.length === 1);
    await onB.close();
    await onA.close();
    await presence.until(() => presence.items.length === 3);
    expect(presence.items[2]).toEqual({ type: "change", userId: roamer.id, status: "offline" });
  });
});

describe("a Redis restart mid-stream", () => {
  it("loses no message: subscriptions fill the gap from the database once Redis is back", async () => {
    const redis = await startRedisServer();
    try {
      const [a, b] = await cluster(2, redis.url);
      const owner = await person(a!);
      const events = collector<Item>();
      b!.client(owner.token).api.message.onEvent.subscribe({ channelId: owner.channelId }, events);
      await events.until(() => events.items.length === 1);

      const sender = a!.client(owner.token).api;
      const send = async (label: string) =>
        (await sender.message.send.mutate({ channelId: owner.channelId, content: label })).id;
      const sent = [await send("before 1"), await send("before 2")];
      await events.until(() => created(events.items).length === 2);

      await redis.stop();
      sent.push(await send("while Redis is down 1"), await send("while Redis is down 2"));
      await redis.start();
      sent.push(await send("after the restart"));

      await events.until(() => created(events.items).length === sent.length);
      expect(created(events.items)).toEqual(sent);
      expect(events.errors).toEqual([]);

      // Drop only the subscriber connections: what is published meanwhile is gone from Redis for
      // good, and no later message reveals a gap; only the resync after reconnecting brings it.
      const port = new URL(redis.url).port;
      execFileSync("redis-cli", ["-p", port, "CLIENT", "KILL", "TYPE", "pubsub"]);
      sent.push(await send("while the subscriber reconnects 1"), await send("while the subscriber reconnects 2"));
      await events.until(() => created(events.items).length === sent.length);
      expect(created(events.items)).toEqual(sent);
    } finally {
      await redis.stop();
    }
  });
});
