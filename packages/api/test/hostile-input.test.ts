/**
 * Hostile input against every procedure, over tRPC's HTTP adapter: wrong types, missing and extra fields,
 * oversized and empty strings, control characters, unusual Unicode, huge numbers, `__proto__` keys,
 * SQL- and HTML-looking text. Every answer must be a 2xx or 4xx JSON response, never a 500.
 */
import fc from "fast-check";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { eq, messages } from "@chat/db";

import { appRouter, createContext, unlimited } from "../src";
import { createMemoryRateLimiter, rateRules } from "../src/core/rate-limit";
import { authKey, createHarness, type Harness } from "./harness";

let h: Harness;
let token: string;
let ids: Record<"serverId" | "channelId" | "messageId" | "userId" | "categoryId", string>;
let othersMessageId: string;
/** A group DM of the member's with the owner: `group.*` procedures get it as their real channel id. */
let groupId: string;
let tried = 0;

beforeAll(async () => {
  h = await createHarness();
  const owner = await h.user("owner");
  const member = await h.user("member");
  const server = await owner.caller.server.create({ name: "Target" });
  await member.caller.server.join({ inviteCode: server.inviteCode });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  othersMessageId = (await owner.caller.message.send({ channelId: channel!.id, content: "keep me" })).id;
  const own = await member.caller.message.send({ channelId: channel!.id, content: "mine" });
  token = member.token;
  const category = await owner.caller.category.create({ serverId: server.id, name: "Target category" });
  ids = { serverId: server.id, channelId: channel!.id, messageId: own.id, userId: owner.id, categoryId: category.id };
  await member.caller.friend.request({ username: owner.username });
  await owner.caller.friend.accept({ userId: member.id });
  groupId = (await member.caller.group.create({ userIds: [owner.id], name: "Target group" })).id;
});
afterAll(async () => {
  console.log(`hostile inputs tried: ${tried}`);
  await h.close();
});

const keys = [
  "serverId", "channelId", "messageId", "userId", "categoryId", "position", "name", "topic", "content", "inviteCode",
  "username", "email", "password", "role", "before", "after", "limit", "seconds", "durationSeconds", "until",
  "userIds", "allowServerDms", "allowDms",
] as const;

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)) }),
  fc.constantFrom(
    "",
    " ",
    "x".repeat(100_000),
    "'; DROP TABLE messages; --",
    "<img src=x onerror=alert(1)>",
    "\u202e\u200b\ufeff",
    "𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧‍👦",
    "99999999999999999999999",
    "-1",
    "0",
    "1e309",
    "owner",
    "NaN",
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);

/** Inputs shaped like real ones: known keys, some holding the fixture's real ids, the rest hostile. */
const REAL_ID = Symbol("a real id");
const shaped = (path: string) =>
  fc.array(fc.tuple(fc.constantFrom(...keys), fc.oneof(nasty, fc.constant(REAL_ID))), { maxLength: 6 }).map((pairs) => {
    const real: Record<string, string> = path.startsWith("group.") ? { ...ids, channelId: groupId } : ids;
    return Object.fromEntries(pairs.map(([key, value]) => [key, value === REAL_ID ? (real[key] ?? "1") : value]));
  });

const withProto = fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'));
const hostile = (path: string) => fc.oneof(fc.anything({ maxDepth: 3 }), shaped(path), withProto, nasty);

async function call(path: string, type: string, input: unknown, authorized: boolean) {
  const headers = new Headers({ "content-type": "application/json" });
  if (authorized) headers.set("authorization", `Bearer ${token}`);
  const body = JSON.stringify({ json: input }) ?? "null";
  const url = new URL(`http://test/api/trpc/${path}`);
  if (type === "query") url.searchParams.set("input", body);
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(url, type === "query" ? { headers } : { method: "POST", headers, body }),
    router: appRouter,
    createContext: () => createContext({ db: h.handle.db, authKey, rateLimiter: unlimited, headers }),
  });
  tried++;
  return { status: response.status, text: await response.text() };
}

describe("hostile input never causes a 500", () => {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
  for (const [path, procedure] of procedures) {
    if (procedure._def.type === "subscription") continue;
    it(`${path}`, async () => {
      await fc.assert(
        fc.asyncProperty(hostile(path), fc.boolean(), async (input, authorized) => {
          const { status, text } = await call(path, procedure._def.type, input, authorized);
          expect(status, text).toBeLessThan(500);
          expect(() => JSON.parse(text)).not.toThrow();
        }),
        { numRuns: 60 },
      );
    });
  }

  it("left the prototype clean and others' data in place", async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const rows = await h.handle.db.select().from(messages).where(eq(messages.id, BigInt(othersMessageId)));
    expect(rows.map((row) => row.content)).toEqual(["keep me"]);
  });
});

describe("batch floods (issue 13)", () => {
  it("counts each call of a batch against the caller's calls budget: batching multiplies nothing", async () => {
    const rateLimiter = createMemoryRateLimiter({ rules: { ...rateRules, calls: { limit: 10, windowMs: 60_000 } } });
    // A caller of its own: the fuzzing above may have logged the shared token out.
    const { token: batcher } = await h.user("batcher");
    const headers = new Headers({ authorization: `Bearer ${batcher}` });
    const url = `http://test/api/trpc/${Array.from({ length: 12 }, () => "server.list").join(",")}?batch=1`;
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request(url, { headers }),
      router: appRouter,
      createContext: () => createContext({ db: h.handle.db, authKey, rateLimiter, headers }),
    });
    tried++;
    const results = (await response.json()) as Array<{ error?: { json: { data: { code: string } } } }>;
    const codes = results.map((result) => result.error?.json.data.code ?? "ok").sort();
    expect(codes).toEqual(["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", ...Array.from({ length: 10 }, () => "ok")]);
  });
});
