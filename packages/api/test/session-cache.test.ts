/**
 * The session cache of HTTP requests: a session is answered from memory once its user's topic is
 * listened to, for a few seconds at most, and a revocation on another instance (over Redis) ends
 * it at once. Uses REDIS_URL (with a private key prefix) when set, else a private redis-server.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { eq, sessions } from "@chat/db";
import { env } from "@chat/env";
import { type Realtime, createRealtime } from "@chat/realtime";
import { type RedisServer, startRedisServer } from "@chat/realtime/testing";
import { createDiskStorage } from "@chat/storage";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { createSessionCache } from "../src/account/session-cache";
import { revokeSessions } from "../src/account/session-revocation";
import { silentLog } from "../src/core/log";
import { topics } from "../src/live/signals";
import { setAvatar } from "../src/users/avatar";
import { authKey, createHarness, type Harness, signedIn } from "./harness";

let privateRedis: RedisServer | undefined;
/** Where the revoking requests run, and the other instance whose cache must hear of it. */
let here: Realtime;
let there: Realtime;
let h: Harness;
const files = mkdtempSync(path.join(tmpdir(), "chat-session-cache-"));
const storage = createDiskStorage(files);

beforeAll(async () => {
  if (!env.REDIS_URL) privateRedis = await startRedisServer();
  const redisUrl = env.REDIS_URL ?? privateRedis!.url;
  const prefix = `chat-test:${randomBytes(4).toString("hex")}:`;
  here = createRealtime({ redisUrl, prefix });
  there = createRealtime({ redisUrl, prefix });
  h = await createHarness({ realtime: here });
});
afterAll(async () => {
  await h.close();
  await Promise.all([here.close(), there.close()]);
  await privateRedis?.stop();
  rmSync(files, { recursive: true, force: true });
});

/** A user signed in twice: the harness's caller and a second token. */
async function signedInTwice() {
  const user = await h.user("cached");
  const login = await (await h.caller()).auth.login({ email: `${user.username}@example.com`, password: "correct horse battery" });
  return { ...user, second: signedIn(login).token };
}

/** Resolves until the answer comes from memory (the same object twice): the user's topic is listened to. */
async function cachedSession(resolve: () => Promise<unknown>) {
  await vi.waitFor(async () => expect(await resolve()).toBe(await resolve()));
  return resolve();
}

describe("session cache", () => {
  it("answers from memory, and a revocation on another instance ends the session there at once", async () => {
    const cache = createSessionCache({ bus: there.bus });
    const user = await signedInTwice();
    const resolveSecond = () => cache.resolve(h.handle.db, authKey, user.second);
    expect(await cachedSession(resolveSecond)).toMatchObject({ user: { id: BigInt(user.id) } });

    await user.caller.session.revokeOthers();
    // The announcement crosses Redis: the other instance hears it within the hop, not after its cache's lifetime.
    await vi.waitFor(async () => expect(await resolveSecond()).toBeNull(), { timeout: 500, interval: 5 });
    expect(await cache.resolve(h.handle.db, authKey, user.token)).toMatchObject({ user: { id: BigInt(user.id) } });
    cache.close();
  });

  it("reads the session again once an entry is older than its lifetime", async () => {
    let clock = Date.now();
    const cache = createSessionCache({ bus: there.bus, ttlMs: 1_000, now: () => clock });
    const user = await signedInTwice();
    const resolve = () => cache.resolve(h.handle.db, authKey, user.token);
    const remembered = await cachedSession(resolve);
    clock += 1_000;
    expect(await resolve()).not.toBe(remembered);
    cache.close();
  });

  it("never caches an invalid token, and stops listening when closed", async () => {
    const cache = createSessionCache({ bus: there.bus });
    const user = await signedInTwice();
    expect(await cache.resolve(h.handle.db, authKey, `${user.token}x`)).toBeNull();
    await cachedSession(() => cache.resolve(h.handle.db, authKey, user.token));
    expect(there.bus.listenerCount(topics.user(user.id))).toBe(1);
    cache.close();
    await vi.waitFor(() => expect(there.bus.listenerCount(topics.user(user.id))).toBe(0));
  });

  it("is emptied of the user's sessions by the instance that revokes them, before it answers, bus or no bus", async () => {
    const cache = createSessionCache({ bus: there.bus });
    const user = await signedInTwice();
    const resolveSecond = () => cache.resolve(h.handle.db, authKey, user.second);
    await cachedSession(resolveSecond);
    // Announced on a bus nobody listens to: only the revoking instance's own cache can know.
    const unheard = createRealtime();
    await revokeSessions({ db: h.handle.db, realtime: unheard, log: silentLog, sessionCache: cache }, BigInt(user.id), eq(sessions.userId, BigInt(user.id)));
    expect(await resolveSecond()).toBeNull();
    cache.close();
  });

  it("answers a new avatar at once: the changing instance forgets before it answers, the others when they hear it", async () => {
    const thereCache = createSessionCache({ bus: there.bus });
    const hereCache = createSessionCache({ bus: here.bus });
    const user = await signedInTwice();
    const resolveThere = () => thereCache.resolve(h.handle.db, authKey, user.second);
    const resolveHere = () => hereCache.resolve(h.handle.db, authKey, user.second);
    expect(await cachedSession(resolveThere)).toMatchObject({ user: { avatar: null } });
    await cachedSession(resolveHere);

    const picture = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#336699" } }).png().toBuffer();
    const context = { db: h.handle.db, storage, log: silentLog, realtime: here, sessionCache: hereCache, user: { id: BigInt(user.id) } };
    const { avatarUrl } = await setAvatar(context, picture);
    const version = avatarUrl.split("/")[4];
    expect((await resolveHere())?.user.avatar).toBe(version);
    await vi.waitFor(async () => expect((await resolveThere())?.user.avatar).toBe(version), { timeout: 500, interval: 5 });
    thereCache.close();
    hereCache.close();
  });
});
