/**
 * Hostile input against every REST route, through the real server: hostile path segments,
 * query strings and JSON bodies (wrong types, huge or empty strings, control characters, odd
 * Unicode, huge numbers, `__proto__` keys). Every answer must be JSON with a status below 500.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { type TestUser, restClient, signUp } from "../support/http";
import { anonymousRoutes, routeTable } from "./routes";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const rest = restClient(baseUrl);
let owner: TestUser;
let member: TestUser;
let realIds: string[];
let tried = 0;

beforeAll(async () => {
  owner = await signUp(rest, "target");
  member = await signUp(rest, "hostile");
  const server = (await rest("POST", "/servers", { token: owner.token, body: { name: "Target" } })).body;
  await rest("POST", "/servers/join", { token: member.token, body: { inviteCode: server.inviteCode } });
  const [channel] = (await rest("GET", `/servers/${server.id}/channels`, { token: owner.token })).body;
  const message = (await rest("POST", `/channels/${channel.id}/messages`, { token: owner.token, body: { content: "keep me" } })).body;
  const category = (await rest("POST", `/servers/${server.id}/categories`, { token: owner.token, body: { name: "Target" } })).body;
  realIds = [server.id, channel.id, message.id, owner.id, category.id];
});
afterAll(() => console.log(`hostile REST requests tried: ${tried}`));

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)) }),
  fc.constantFrom("", " ", "x".repeat(5000), "'; DROP TABLE messages; --", "\u202e\u200b\ufeff", "99999999999999999999"),
  fc.constantFrom("-1", "0", "1e309", "NaN", "owner", ".."),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const keys = ["name", "topic", "content", "inviteCode", "username", "email", "password", "role", "before", "after", "limit", "serverId", "categoryId", "position"];
const shaped = fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: 5 });
const withProto = fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}'));
const body = fc.oneof(fc.anything({ maxDepth: 3 }), shaped, withProto);
/** A path parameter: hostile text, or null for one of the fixture's real ids. */
const segment = fc.oneof(
  fc.string({ maxLength: 25 }),
  fc.constantFrom("0", "-1", "9223372036854775808", "1".repeat(30)),
  fc.constant(null),
);

describe("hostile input on the REST API never causes a 500", () => {
  for (const [method, path] of routeTable) {
    it(`${method} ${path}`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 2, maxLength: 2 }), body, fc.boolean(), async (segments, input, authorized) => {
          let index = 0;
          const url = path.replace(/\{[^}]+\}/g, () => {
            const value = segments[index++];
            return value === null || value === undefined ? realIds[index % realIds.length]! : encodeURIComponent(value);
          });
          const inQuery = method === "GET" || method === "DELETE";
          const token = authorized || !anonymousRoutes.has(`${method} ${path}`) ? member.token : undefined;
          const call = { token, body: inQuery ? undefined : (input ?? null) };
          const response = await rest(method, inQuery ? `${url}?${toQuery(input)}` : url, call);
          tried++;
          expect(response.status, JSON.stringify(response.body)).toBeLessThan(500);
          expect(response.body).toEqual(expect.anything());
        }),
        { numRuns: 25 },
      );
    });
  }

  it("left the server's data in place", async () => {
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const page = await rest("GET", `/channels/${realIds[1]}/messages`, { token: owner.token });
    expect(page.body.items.map((message: { content: string }) => message.content)).toContain("keep me");
  });
});

/** Any value as a query string: objects by their keys, anything else under `limit`. */
function toQuery(input: unknown): string {
  const entries: [string, unknown][] = input !== null && typeof input === "object" ? Object.entries(input) : [["limit", input]];
  const text = (value: unknown) => (typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  return new URLSearchParams(entries.map(([key, value]) => [key, text(value)])).toString();
}
