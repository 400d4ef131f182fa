/**
 * The two implementations of each realtime interface behave alike: the in-process ones and the
 * Redis ones (a private redis-server on a free port, so that a restart touches nobody else).
 */
import { randomBytes } from "node:crypto";

import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createRealtime, type Realtime } from "../src";
import { CONNECTION_TTL_MS } from "../src/redis/presence";
import { type RedisServer, startRedisServer } from "../src/testing";

let redis: RedisServer;
const opened: Realtime[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(opened.map((realtime) => realtime.close()));
  await redis.stop();
});

const kinds = {
  memory: () => [createRealtime()],
  redis: () => {
    const prefix = `test:${randomBytes(4).toString("hex")}:`;
    const pair = [createRealtime({ redisUrl: redis.url, prefix }), createRealtime({ redisUrl: redis.url, prefix })];
    opened.push(...pair);
    return pair;
  },
};

/** For Redis, two instances on one server; in memory, one process plays both. */
function instances(kind: keyof typeof kinds): [Realtime, Realtime] {
  const made = kinds[kind]();
  return [made[0]!, made.at(-1)!];
}

describe.each(Object.keys(kinds) as Array<keyof typeof kinds>)("%s", (kind) => {
  it("bus: delivers to every listener of a topic, in order, and counts listeners", async () => {
    const [a, b] = instances(kind);
    const got: unknown[] = [];
    const stop = await b.bus.subscribe("room", (payload) => got.push(payload));
    const other = await b.bus.subscribe("elsewhere", () => got.push("wrong topic"));
    expect(b.bus.listenerCount("room")).toBe(1);
    for (let i = 0; i < 5; i++) await a.bus.publish("room", { i, at: new Date(0) });
    await expect.poll(() => got.length).toBe(5);
    expect(got).toEqual([0, 1, 2, 3, 4].map((i) => ({ i, at: new Date(0) })));
    stop();
    other();
    expect(b.bus.listenerCount()).toBe(0);
  });

  it("typing: lists unexpired entries and forgets stopped ones", async () => {
    const [a, b] = instances(kind);
    const now = Date.now();
    await a.typing.start("c1", { userId: "1", username: "ada", expiresAt: now + 60_000 });
    await a.typing.start("c1", { userId: "2", username: "bob", expiresAt: now - 1 });
    expect(await b.typing.list("c1")).toEqual([{ userId: "1", username: "ada", expiresAt: now + 60_000 }]);
    expect(await b.typing.stop("c1", "1")).toBe(true);
    expect(await a.typing.list("c1")).toEqual([]);
    // Stopping someone who was not typing changes nothing, and says so: the send publishes nothing then.
    expect(await a.typing.stop("c1", "1")).toBe(false);
  });

  it("presence: online from the first connection anywhere until the last closes", async () => {
    const [a, b] = instances(kind);
    expect(await a.presence.connect("7", "a-1")).toBe(true);
    expect(await b.presence.connect("7", "b-1")).toBe(false);
    expect(await a.presence.online(["7", "8"])).toEqual(new Set(["7"]));
    expect(await a.presence.disconnect("7", "a-1")).toBe(false);
    expect(await b.presence.disconnect("7", "b-1")).toBe(true);
    expect(await b.presence.disconnect("7", "b-1")).toBe(false);
    expect(await a.presence.online(["7"])).toEqual(new Set());
  });
});

describe("redis", () => {
  it("presence: connections of an instance that stops refreshing expire in a sweep", async () => {
    const [a] = instances("redis");
    await a.presence.connect("9", "crashed-1");
    expect(await a.presence.sweep()).toEqual([]);
    expect(await a.presence.sweep(Date.now() + CONNECTION_TTL_MS + 1)).toEqual(["9"]);
    expect(await a.presence.online(["9"])).toEqual(new Set());
    // A refresh re-adds an entry that a sweep removed, and reports the user back online.
    expect(await a.presence.refresh([{ userId: "9", connectionId: "crashed-1" }])).toEqual(["9"]);
  });

  it("bus: tells listeners to resync after the subscriber reconnects to a restarted Redis", async () => {
    const [a, b] = instances("redis");
    let resyncs = 0;
    b.bus.onReconnect(() => resyncs++);
    const got: unknown[] = [];
    await b.bus.subscribe("after-restart", (payload) => got.push(payload));
    await redis.stop();
    await redis.start();
    await expect.poll(() => resyncs, { timeout: 20_000 }).toBe(1);
    await a.bus.publish("after-restart", "still subscribed");
    await expect.poll(() => got).toEqual(["still subscribed"]);
  });
});
