/**
 * Password hashing beside live traffic: a full hashing queue answers 429 with Retry-After on
 * tRPC HTTP and REST (never a 500), a login that finds a place in the queue still signs in, and
 * the places come back. Through the real fetch adapters, as the web app serves them.
 */
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { TRPCError } from "@trpc/server";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

import { REST_BASE_PATH, appRouter, createContext, retryAfterOf, unlimited } from "../src";
import { passwordHashing } from "../src/account/passwords";
import { authKey, createHarness, type Harness, type TestUser } from "./harness";

const password = "correct horse battery";
let h: Harness;
let ada: TestUser;
beforeAll(async () => {
  h = await createHarness();
  ada = await h.user("ada");
});
afterAll(() => h.close());

const context = (headers: Headers) => () =>
  createContext({ db: h.handle.db, authKey, rateLimiter: unlimited, realtime: h.realtime, headers, clientAddress: "127.0.0.1" });
const retryAfterHeader = ({ errors }: { errors: readonly TRPCError[] }) => {
  const seconds = errors.map(retryAfterOf).find((retryAfter) => retryAfter !== undefined);
  return { headers: seconds === undefined ? {} : { "retry-after": String(seconds) } };
};

/** A tRPC HTTP mutation, through the fetch adapter. */
async function trpc(path: string, json: unknown, token?: string) {
  const headers = new Headers({ "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const req = new Request(`http://test/api/trpc/${path}`, { method: "POST", headers, body: JSON.stringify({ json }) });
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: context(headers), responseMeta: retryAfterHeader });
}

/** A REST call, through trpc-to-openapi. */
async function rest(path: string, body: unknown, token?: string) {
  const headers = new Headers({ "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });
  const req = new Request(`http://test${REST_BASE_PATH}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return createOpenApiFetchHandler({ endpoint: REST_BASE_PATH, req, router: appRouter, createContext: context(headers), responseMeta: retryAfterHeader });
}

/** Takes every place of the process's hashing queue (running and waiting) until `release`. */
function holdHashing(places = passwordHashing.queue.capacity) {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const holders = Array.from({ length: places }, () => passwordHashing.queue.run(() => held));
  return async () => {
    release();
    await Promise.all(holders);
  };
}

describe("a full password-hashing queue", () => {
  it("answers login, signup and password change with 429 and Retry-After on tRPC HTTP and REST", async () => {
    const release = holdHashing();
    try {
      const refused = [
        await trpc("auth.login", { email: `${ada.username}@example.com`, password }),
        await rest("/auth/login", { email: `${ada.username}@example.com`, password }),
        await trpc("auth.signup", { username: "newcomer", email: "newcomer@example.com", password }),
        await rest("/auth/signup", { username: "newcomer", email: "newcomer@example.com", password }),
        await trpc("auth.changePassword", { currentPassword: password, newPassword: "a new horse battery" }, ada.token),
        await rest("/auth/password", { currentPassword: password, newPassword: "a new horse battery" }, ada.token),
      ];
      for (const response of refused) {
        expect([response.status, response.headers.get("retry-after")]).toEqual([429, "1"]);
        expect(await response.text()).toMatch(/busy checking passwords/);
      }
    } finally {
      await release();
    }
    // Nothing was hashed while refused: the old password still signs in, the newcomer does not exist.
    expect((await rest("/auth/login", { email: `${ada.username}@example.com`, password })).status).toBe(200);
    expect((await rest("/auth/login", { email: "newcomer@example.com", password })).status).toBe(401);
  });

  it("lets a login that found a place wait for a thread, then signs it in", async () => {
    const release = holdHashing(passwordHashing.queue.capacity - 1);
    const waiting = trpc("auth.login", { email: `${ada.username}@example.com`, password });
    await vi.waitFor(() => expect(passwordHashing.queue.held).toBe(passwordHashing.queue.capacity));
    const overflow = await rest("/auth/login", { email: `${ada.username}@example.com`, password });
    expect(overflow.status).toBe(429);
    await release();
    const response = await waiting;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ result: { data: { json: { token: expect.any(String) } } } });
  });

  it("gives its places back when a hash fails", async () => {
    const failures = Array.from({ length: passwordHashing.queue.capacity }, () =>
      passwordHashing.queue.run(async () => {
        throw new Error("the hashing thread crashed");
      }),
    );
    await Promise.allSettled(failures);
    expect(passwordHashing.queue.held).toBe(0);
    const release = holdHashing(); // every place again, so none leaked
    await release();
    expect((await trpc("auth.login", { email: `${ada.username}@example.com`, password })).status).toBe(200);
  });
});
