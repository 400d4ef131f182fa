import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { sql } from "@chat/db";
import { createTestDatabase } from "@chat/db/testing";
import { fail } from "@chat/policy/errors";

import { appRouter, createContext, retryAfterOf, toTRPCError, unlimited } from "../src";
import { authKey, createHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

interface ErrorJson {
  message: string;
  data: { code: string; zodError: { fieldErrors: Record<string, string[]> } | null };
}

/** One request through tRPC's fetch adapter, as any HTTP transport would make it. */
async function post(db: Harness["handle"]["db"], path: string, json: unknown, headers: Record<string, string> = {}) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://test/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json }),
    }),
    router: appRouter,
    createContext: () => createContext({ db, authKey, rateLimiter: unlimited, headers: new Headers(headers) }),
  });
  return { status: response.status, body: (await response.json()) as { error?: { json: ErrorJson } } };
}

describe("error shape", () => {
  it("answers invalid input with 400 and the field issues, flattened", async () => {
    const { status, body } = await post(h.handle.db, "auth.signup", { username: "x", email: "nope", password: "short" });
    expect(status).toBe(400);
    const error = body.error!.json;
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(error.data.zodError!.fieldErrors).sort()).toEqual(["email", "password", "username"]);
  });

  it("answers an unexpected failure with 500 and no internals", async () => {
    // A database that answers but has lost a table: a real failure that is not an outage (that is 503).
    const broken = await createTestDatabase();
    await broken.db.execute(sql`ALTER TABLE users RENAME TO users_gone`);
    try {
      const { status, body } = await post(broken.db, "auth.login", { email: "a@example.com", password: "whatever1" });
      expect(status).toBe(500);
      expect(body.error!.json.message).toBe("Internal server error");
      expect(JSON.stringify(body)).not.toMatch(/stack|pglite|postgres|users|relation/i);
    } finally {
      await broken.close();
    }
  });

  it.each([
    ["missing", {}, 401],
    ["garbage", { authorization: "Bearer garbage" }, 401],
    ["not bearer", { authorization: "Basic dXNlcjpwYXNz" }, 401],
  ])("answers a %s token with 401", async (_label, headers, expected) => {
    const { status } = await post(h.handle.db, "server.create", { name: "x" }, headers);
    expect(status).toBe(expected);
  });
});

describe("domain errors", () => {
  it.each([
    [fail.badRequest("Bad"), "BAD_REQUEST", 400],
    [fail.unauthorized(), "UNAUTHORIZED", 401],
    [fail.forbidden(), "FORBIDDEN", 403],
    [fail.notFound("Server"), "NOT_FOUND", 404],
    [fail.gone("The invite was revoked"), "NOT_FOUND", 404],
    [fail.conflict("Taken"), "CONFLICT", 409],
    [fail.payloadTooLarge(10), "PAYLOAD_TOO_LARGE", 413],
    [fail.tooManyRequests(7), "TOO_MANY_REQUESTS", 429],
    [fail.unavailable(), "SERVICE_UNAVAILABLE", 503],
  ])("maps %s to its tRPC code and HTTP status, keeping the message", (error, code, status) => {
    const mapped = toTRPCError(error);
    expect({ code: mapped.code, status: getHTTPStatusCodeFromError(mapped), message: mapped.message }).toEqual({
      code,
      status,
      message: error.message,
    });
  });

  it("carries a rate limit's Retry-After, thrown as is or wrapped by tRPC", () => {
    const refusal = fail.tooManyRequests(7);
    expect(retryAfterOf(toTRPCError(refusal))).toBe(7);
    expect(retryAfterOf(toTRPCError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: refusal })))).toBe(7);
    expect(retryAfterOf(toTRPCError(fail.forbidden()))).toBeUndefined();
  });
});
