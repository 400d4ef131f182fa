/**
 * No-loss load test: clients across two instances (sharing the database and Redis: REDIS_URL with
 * a private prefix, or a private redis-server) each send messages into one of 5 channels while
 * subscribed to it. Every acknowledged message must be in history exactly once, and every
 * subscriber must receive every message of its channel exactly once, in history order.
 *
 * Sizes: the full run (200 clients × 50 messages) with `LOAD_TEST=full`; bounded for
 * `pnpm test` to 200 × 10 on PostgreSQL and 40 × 10 on PGlite, which runs every query of the
 * process on one thread (and the embedded mode is one process anyway).
 *
 * Sends go through the real rate limiter with the message rule raised to the per-client count: at
 * the production 5 per 5 s the run would mostly wait and prove nothing more.
 */
import { randomBytes } from "node:crypto";

import { hashPassword } from "@chat/auth";
import { type DatabaseHandle, asc, eq, messages, nextId, serverMembers, users } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { env } from "@chat/env";
import { createRealtime } from "@chat/realtime";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import type { ChannelEvent } from "../src";
import { createMemoryRateLimiter, rateRules } from "../src/core/rate-limit";
import { startSession } from "../src/account/session-token";
import { authKey } from "./harness";
import { type Instance, startInstance } from "./live-harness";

// eslint-disable-next-line no-restricted-properties -- a test-size switch, not a setting of the product
const full = process.env.LOAD_TEST === "full";
const CLIENTS = full || env.DATABASE_URL ? 200 : 40;
const MESSAGES_PER_CLIENT = full ? 50 : 10;
const CHANNELS = 5;

let handle: DatabaseHandle;
let privateRedis: RedisServer | undefined;
let instances: Instance[] = [];

beforeAll(async () => {
  handle = await createTestDatabase();
  let redisUrl = env.REDIS_URL;
  if (!redisUrl) {
    privateRedis = await startRedisServer();
    redisUrl = privateRedis.url;
  }
  const prefix = `chat-load:${randomBytes(4).toString("hex")}:`;
  const rules = { ...rateRules, messageSend: { limit: MESSAGES_PER_CLIENT, windowMs: 5_000 } };
  instances = await Promise.all(
    [0, 1].map(() =>
      startInstance({
        db: handle.db,
        realtime: createRealtime({ redisUrl, prefix }),
        rateLimiter: createMemoryRateLimiter({ rules }),
        // Every client connects from this machine's one address.
        maxConnections: { perAddress: CLIENTS },
      }),
    ),
  );
});
afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.close()));
  await Promise.all(instances.map((instance) => instance.services.realtime.close()));
  await privateRedis?.stop();
  await handle.close();
});

/** `count` accounts with sessions, written straight to the database: the load is on messages, not on argon2. */
async function accounts(count: number) {
  const passwordHash = await hashPassword("correct horse battery");
  const run = randomBytes(3).toString("hex");
  const rows = Array.from({ length: count }, (_, i) => ({
    id: nextId(),
    username: `load_${run}_${i}`,
    email: `load_${run}_${i}@example.com`,
    passwordHash,
  }));
  await handle.db.insert(users).values(rows);
  return Promise.all(rows.map(async (row) => ({ id: row.id, token: (await startSession(handle.db, authKey, row.id, null)).token })));
}

describe("no-loss load", () => {
  it(`${CLIENTS} clients on two instances send ${MESSAGES_PER_CLIENT} messages each into ${CHANNELS} channels while subscribed`, async () => {
    const started = Date.now();
    const people = await accounts(CLIENTS);
    const ownerApi = instances[0]!.client(people[0]!.token).api;
    const server = await ownerApi.server.create.mutate({ name: "Load" });
    const channelIds = [(await ownerApi.channel.list.query({ serverId: server.id }))[0]!.id];
    while (channelIds.length < CHANNELS) {
      channelIds.push((await ownerApi.channel.create.mutate({ serverId: server.id, name: `load-${channelIds.length}` })).id);
    }
    await handle.db
      .insert(serverMembers)
      .values(people.slice(1).map((person) => ({ serverId: BigInt(server.id), userId: person.id, role: "member" as const })));

    const clients = people.map((person, index) => {
      const channelId = channelIds[index % CHANNELS]!;
      const api = instances[index % 2]!.client(person.token).api;
      const received: string[] = [];
      const errors: unknown[] = [];
      let ready = false;
      api.message.onEvent.subscribe(
        { channelId },
        {
          onData: ({ data }: { data: ChannelEvent | { type: "ready" } }) => {
            if (data.type === "ready") ready = true;
            else if (data.type === "created") received.push(data.message.id);
          },
          onError: (error) => errors.push(error),
        },
      );
      return { api, channelId, received, errors, acknowledged: [] as string[], isReady: () => ready };
    });
    await until(() => clients.every((client) => client.isReady()));

    await Promise.all(
      clients.map(async (client, index) => {
        for (let n = 0; n < MESSAGES_PER_CLIENT; n++) {
          const sent = await client.api.message.send.mutate({ channelId: client.channelId, content: `client ${index} message ${n}` });
          client.acknowledged.push(sent.id);
        }
      }),
    );
    const sentMs = Date.now() - started;

    const history = new Map<string, string[]>();
    for (const channelId of channelIds) {
      const rows = await handle.db
        .select({ id: messages.id })
        .from(messages)
        .where(eq(messages.channelId, BigInt(channelId)))
        .orderBy(asc(messages.id));
      history.set(channelId, rows.map((row) => String(row.id)));
    }
    const perChannel = (CLIENTS / CHANNELS) * MESSAGES_PER_CLIENT;
    await until(() => clients.every((client) => client.received.length >= perChannel));

    const acknowledged = clients.flatMap((client) => client.acknowledged);
    const stored = [...history.values()].flat();
    const storedIds = new Set(stored);
    const totals = {
      sent: acknowledged.length,
      stored: stored.length,
      lost: acknowledged.filter((id) => !storedIds.has(id)).length,
      duplicatedInHistory: stored.length - storedIds.size,
      deliveries: clients.reduce((sum, client) => sum + client.received.length, 0),
      missedDeliveries: 0,
      outOfOrderSubscribers: 0,
    };
    for (const client of clients) {
      const expected = history.get(client.channelId)!;
      const received = new Set(client.received);
      totals.missedDeliveries += expected.filter((id) => !received.has(id)).length;
      if (client.received.join() !== expected.join()) totals.outOfOrderSubscribers++;
    }
    console.log(
      `load: ${totals.sent} messages sent and acknowledged, ${totals.stored} in history, ${totals.lost} lost, ` +
        `${totals.duplicatedInHistory} duplicated; ${totals.deliveries} deliveries to ${CLIENTS} subscribers, ` +
        `${totals.missedDeliveries} missed, ${totals.outOfOrderSubscribers} out of order ` +
        `(sends done in ${sentMs} ms, deliveries in ${Date.now() - started} ms, ${handle.kind})`,
    );
    expect(totals).toEqual({
      sent: CLIENTS * MESSAGES_PER_CLIENT,
      stored: CLIENTS * MESSAGES_PER_CLIENT,
      lost: 0,
      duplicatedInHistory: 0,
      deliveries: CLIENTS * perChannel,
      missedDeliveries: 0,
      outOfOrderSubscribers: 0,
    });
    expect(clients.flatMap((client) => client.errors)).toEqual([]);
  }, 600_000);
});

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 50));
}
