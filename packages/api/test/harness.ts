import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import type { Database, DatabaseHandle } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

import { secretKey } from "@chat/auth";
import { type Realtime, createRealtime } from "@chat/realtime";
import { type Storage, createDiskStorage } from "@chat/storage";

import { appRouter, createCallerFactory, createContext, type LinkPreviews, type PushDelivery, type RateLimiter, unlimited } from "../src";

const createCaller = createCallerFactory(appRouter);
export const authKey = secretKey("test-secret-test-secret-test-secret-0123");

export type Caller = ReturnType<typeof createCaller>;

export interface Harness {
  handle: DatabaseHandle;
  /** The bus and realtime state every caller of this harness shares. */
  realtime: Realtime;
  /** Where attachments' bytes go: a disk store in a folder of its own, removed on close. */
  storage: Storage;
  /** A caller with the given headers (a bearer token, a cookie) or none, from 127.0.0.1 or `clientAddress`. */
  caller(headers?: Record<string, string>, clientAddress?: string): Promise<Caller>;
  /** Signs up a fresh user and returns a caller acting as them. */
  user(name: string): Promise<TestUser>;
  /** A server `name` of a fresh owner that a fresh member has joined, with its #general channel. */
  community(name: string): Promise<Community>;
  close(): Promise<void>;
}

export interface TestUser {
  caller: Caller;
  id: string;
  token: string;
  username: string;
}

export interface Community {
  owner: TestUser;
  member: TestUser;
  server: Awaited<ReturnType<Caller["server"]["create"]>>;
  general: Awaited<ReturnType<Caller["channel"]["list"]>>[number];
}

let counter = 0;

/** A clean database and callers through the real router: nothing mocked. */
export async function createHarness(
  options: {
    rateLimiter?: RateLimiter;
    realtime?: Realtime;
    push?: (db: Database) => PushDelivery;
    linkPreviews?: LinkPreviews;
    /** The largest upload (UPLOAD_MAX_BYTES); 1 MiB by default. */
    uploadMaxBytes?: number;
    /** Where attachments go (an S3 store, say); a disk store in a temporary folder by default. */
    storage?: Storage;
  } = {},
): Promise<Harness> {
  const handle = await createTestDatabase();
  const filesDir = mkdtempSync(path.join(tmpdir(), "chat-api-files-"));
  const storage = options.storage ?? createDiskStorage(filesDir);
  const attachments = { storage, maxBytes: options.uploadMaxBytes ?? 1024 * 1024 };
  const realtime = options.realtime ?? createRealtime();
  const push = options.push?.(handle.db);
  const caller = async (headers: Record<string, string> = {}, clientAddress = "127.0.0.1") =>
    createCaller(
      await createContext({
        db: handle.db,
        authKey,
        rateLimiter: options.rateLimiter ?? unlimited,
        realtime,
        push,
        linkPreviews: options.linkPreviews,
        storage,
        attachments,
        headers: new Headers(headers),
        clientAddress,
      }),
    );
  async function user(name: string): Promise<TestUser> {
    const username = `${name}${++counter}`;
    const anonymous = await caller();
    const { token, user } = await anonymous.auth.signup({
      username,
      email: `${username}@example.com`,
      password: "correct horse battery",
    });
    return { caller: await caller({ authorization: `Bearer ${token}` }), id: user.id, token, username };
  }
  return {
    handle,
    realtime,
    storage,
    caller,
    user,
    async community(name) {
      const [owner, member] = [await user("owner"), await user("member")];
      const server = await owner.caller.server.create({ name });
      await member.caller.server.join({ inviteCode: server.inviteCode });
      const [general] = await owner.caller.channel.list({ serverId: server.id });
      return { owner, member, server, general: general! };
    },
    async close() {
      await storage.close();
      rmSync(filesDir, { recursive: true, force: true });
      await handle.close();
    },
  };
}

/** Asserts that a call fails with the given tRPC error code. */
export async function expectCode(call: Promise<unknown>, code: TRPCError["code"]): Promise<void> {
  await expect(call).rejects.toSatisfy((error) => error instanceof TRPCError && error.code === code, `expected ${code}`);
}

/** The session of a login that needed no second factor. */
export function signedIn<T extends object>(result: T): Extract<T, { token: string }> {
  if (!("token" in result)) throw new Error("expected a session, got a two-factor challenge");
  return result as Extract<T, { token: string }>;
}
