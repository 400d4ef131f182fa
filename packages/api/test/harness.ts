import type { DatabaseHandle } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { TRPCError } from "@trpc/server";
import { expect } from "vitest";

import { secretKey } from "@chat/auth";
import { type Realtime, createRealtime } from "@chat/realtime";

import { appRouter, createCallerFactory, createContext, type RateLimiter, unlimited } from "../src";

const createCaller = createCallerFactory(appRouter);
export const authKey = secretKey("test-secret-test-secret-test-secret-0123");

export type Caller = ReturnType<typeof createCaller>;

export interface Harness {
  handle: DatabaseHandle;
  /** The bus and realtime state every caller of this harness shares. */
  realtime: Realtime;
  /** A caller with the given headers (a bearer token, a cookie) or none. */
  caller(headers?: Record<string, string>): Promise<Caller>;
  /** Signs up a fresh user and returns a caller acting as them. */
  user(name: string): Promise<{ caller: Caller; id: string; token: string; username: string }>;
  close(): Promise<void>;
}

let counter = 0;

/** A clean database and callers through the real router: nothing mocked. */
export async function createHarness(options: { rateLimiter?: RateLimiter; realtime?: Realtime } = {}): Promise<Harness> {
  const handle = await createTestDatabase();
  const realtime = options.realtime ?? createRealtime();
  const caller = async (headers: Record<string, string> = {}) =>
    createCaller(
      await createContext({
        db: handle.db,
        authKey,
        rateLimiter: options.rateLimiter ?? unlimited,
        realtime,
        headers: new Headers(headers),
        clientAddress: "127.0.0.1",
      }),
    );
  return {
    handle,
    realtime,
    caller,
    async user(name) {
      const username = `${name}${++counter}`;
      const anonymous = await caller();
      const { token, user } = await anonymous.auth.signup({
        username,
        email: `${username}@example.com`,
        password: "correct horse battery",
      });
      return { caller: await caller({ authorization: `Bearer ${token}` }), id: user.id, token, username };
    },
    close: () => handle.close(),
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
