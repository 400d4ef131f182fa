/**
 * Bad tokens fail on every interface of the real app server: tRPC over HTTP (bearer and cookie),
 * REST (bearer), and WebSocket (connectionParams token and the upgrade's cookie). Each bad token
 * differs from a good one in one way only: `alg: none`, a wrong key, expired, revoked, tampered
 * claims, another audience or issuer, another type, HS512 instead of the pinned HS256.
 */
import { createHmac } from "node:crypto";

import type { AppRouter } from "@chat/api";
import { createTRPCUntypedClient, createWSClient, TRPCClientError, wsLink } from "@trpc/client";
import superjson from "superjson";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

import { sharedAppEnv } from "../shared-app-env";
import { useOwnClientAddress } from "../support/client-address";
import { httpAct, signUpPeople } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const wsUrl = `${baseUrl.replace(/^http/, "ws")}/api/ws`;

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A JWT signed with HMAC by hand, so that any header and claim can be set. */
function jwt(header: object, claims: object, secret = sharedAppEnv.AUTH_SECRET, hash = "sha256"): string {
  const body = `${encode(header)}.${encode(claims)}`;
  return `${body}.${createHmac(hash, secret).update(body).digest("base64url")}`;
}

let good: string;
let bad: Record<string, string>;
let tried = 0;

beforeAll(async () => {
  const people = await signUpPeople(baseUrl);
  good = people.owner.token;
  const revoked = people.stranger.token;
  await httpAct(baseUrl)(revoked, "auth.logout", undefined);
  const claims = JSON.parse(Buffer.from(good.split(".")[1]!, "base64url").toString()) as Record<string, unknown>;
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "HS256", typ: "session+jwt" };
  const [goodHeader, , goodSignature] = good.split(".") as [string, string, string];
  bad = {
    "alg none": `${encode({ alg: "none", typ: "session+jwt" })}.${encode(claims)}.`,
    "wrong key": jwt(header, claims, "another-secret-another-secret-another-secret"),
    expired: jwt(header, { ...claims, iat: now - 120, exp: now - 60 }),
    revoked,
    "tampered subject": `${goodHeader}.${encode({ ...claims, sub: people.admin.id })}.${goodSignature}`,
    "another audience": jwt(header, { ...claims, aud: "someone-else" }),
    "another issuer": jwt(header, { ...claims, iss: "someone-else" }),
    "another type": jwt({ alg: "HS256", typ: "JWT" }, claims),
    "HS512 with the right key": jwt({ alg: "HS512", typ: "session+jwt" }, claims, sharedAppEnv.AUTH_SECRET, "sha512"),
    garbage: "not-a-token",
  };
});

async function trpcMe(headers: Record<string, string>) {
  const response = await fetch(`${baseUrl}/api/trpc/auth.me`, { headers });
  await response.arrayBuffer();
  tried++;
  return response.status;
}

async function restMe(token: string) {
  const response = await fetch(`${baseUrl}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { code?: string };
  tried++;
  return [response.status, body.code ?? "ok"];
}

/** The outcome of a subscription over a fresh socket that authenticates with `token`, one way or the other. */
async function wsSubscribe(token: string, via: "connectionParams" | "cookie"): Promise<string> {
  tried++;
  const socket = createWSClient({
    url: wsUrl,
    WebSocket: (via === "cookie"
      ? class extends WebSocket {
          constructor(url: string) {
            super(url, { headers: { cookie: `chat_session=${token}` } });
          }
        }
      : WebSocket) as unknown as typeof globalThis.WebSocket,
    connectionParams: via === "connectionParams" ? { token } : {},
  });
  const client = createTRPCUntypedClient<AppRouter>({ links: [wsLink({ client: socket, transformer: superjson })] });
  try {
    return await new Promise<string>((resolve) => {
      const subscription = client.subscription("presence.onEvent", { serverId: "1" }, {
        onStarted: () => resolve("started"),
        onError: (error) => resolve(error instanceof TRPCClientError ? String(error.data?.code) : String(error)),
      });
      void subscription;
    });
  } finally {
    await socket.close();
  }
}

describe("bad tokens fail everywhere", () => {
  it("the good token works on each interface (the bad ones differ from it in one way)", async () => {
    expect(await trpcMe({ authorization: `Bearer ${good}` })).toBe(200);
    expect(await trpcMe({ cookie: `chat_session=${good}` })).toBe(200);
    expect(await restMe(good)).toEqual([200, "ok"]);
    // A member of no server 1: authenticated, then refused by the table.
    expect(await wsSubscribe(good, "connectionParams")).toBe("NOT_FOUND");
    expect(await wsSubscribe(good, "cookie")).toBe("NOT_FOUND");
  });

  it("tRPC over HTTP answers 401, as a bearer token and as the session cookie", async () => {
    for (const [label, token] of Object.entries(bad)) {
      expect(await trpcMe({ authorization: `Bearer ${token}` }), label).toBe(401);
      expect(await trpcMe({ cookie: `chat_session=${token}` }), label).toBe(401);
    }
  });

  it("REST answers 401 UNAUTHORIZED", async () => {
    for (const [label, token] of Object.entries(bad)) expect(await restMe(token), label).toEqual([401, "UNAUTHORIZED"]);
  });

  it("WebSocket subscriptions fail with UNAUTHORIZED, by connectionParams and by cookie", async () => {
    for (const [label, token] of Object.entries(bad)) {
      expect(await wsSubscribe(token, "connectionParams"), label).toBe("UNAUTHORIZED");
      expect(await wsSubscribe(token, "cookie"), label).toBe("UNAUTHORIZED");
    }
    console.log(`tokens: ${Object.keys(bad).length} kinds of bad token, ${tried} calls over HTTP, REST and WebSocket`);
  });
});
