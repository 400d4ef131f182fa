/** The tRPC API over real HTTP, through the Next.js route handler served by the real app server. */
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, inject, it } from "vitest";

import type { AppRouter } from "@chat/api";

const baseUrl = inject("baseUrl");

function client(headers: Record<string, string> = {}) {
  return createTRPCClient<AppRouter>({
    links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson, headers })],
  });
}

const unique = () => Math.random().toString(36).slice(2, 10);

describe("tRPC over HTTP", () => {
  it("answers the health check", async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("runs signup → server → channel → message → history", async () => {
    const name = `http_${unique()}`;
    const { token, user } = await client().auth.signup.mutate({ username: name, email: `${name}@example.com`, password: "password123" });
    const api = client({ authorization: `Bearer ${token}` });
    expect((await api.auth.me.query()).id).toBe(user.id);
    const server = await api.server.create.mutate({ name: "Over HTTP" });
    const channel = await api.channel.create.mutate({ serverId: server.id, name: "wire" });
    const sent = await api.message.send.mutate({ channelId: channel.id, content: "hello over the wire" });
    const { items } = await api.message.list.query({ channelId: channel.id });
    expect(items.map((m) => m.id)).toEqual([sent.id]);
    expect(items[0]!.createdAt).toBeInstanceOf(Date);
    await api.auth.logout.mutate();
    await expect(api.auth.me.query()).rejects.toSatisfy(
      (error) => error instanceof TRPCClientError && error.data?.httpStatus === 401,
    );
  });

  it("sets an httpOnly session cookie that authenticates later requests", async () => {
    const name = `cookie_${unique()}`;
    const response = await fetch(`${baseUrl}/api/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { username: name, email: `${name}@example.com`, password: "password123" } }),
    });
    expect(response.status).toBe(200);
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(/chat_session=.+; Path=\/; HttpOnly; SameSite=Lax/);
    const me = await fetch(`${baseUrl}/api/trpc/auth.me`, { headers: { cookie: cookie.split(";")[0]! } });
    expect(me.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  it("answers the API uncompressed and pages gzipped (API answers are compressed by the proxy)", async () => {
    const gzip = { "accept-encoding": "gzip" };
    const name = `plain_${unique()}`;
    const { token } = await client().auth.signup.mutate({ username: name, email: `${name}@example.com`, password: "password123" });
    const headers = { ...gzip, authorization: `Bearer ${token}` };
    for (const url of [`${baseUrl}/api/trpc/auth.me`, `${baseUrl}/api/v1/auth/me`]) {
      const response = await fetch(url, { headers });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(await response.text()).toContain(`"username":"${name}"`);
    }
    const page = await fetch(`${baseUrl}/login`, { headers: gzip });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toBe("gzip");
  });

  it("maps errors to HTTP statuses: 400, 401, 404, 409, 415", async () => {
    const post = (path: string, json: unknown, headers: Record<string, string> = {}) =>
      fetch(`${baseUrl}/api/trpc/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ json }),
      });
    expect((await post("auth.signup", { username: "x" })).status).toBe(400);
    expect((await post("server.create", { name: "no token" })).status).toBe(401);
    const name = `codes_${unique()}`;
    const signup = await post("auth.signup", { username: name, email: `${name}@example.com`, password: "password123" });
    const { token } = ((await signup.json()) as { result: { data: { json: { token: string } } } }).result.data.json;
    const auth = { authorization: `Bearer ${token}` };
    expect((await post("server.join", { inviteCode: "AAAAAAAAAA" }, auth)).status).toBe(404);
    expect((await post("auth.signup", { username: name, email: `x${name}@example.com`, password: "password123" })).status).toBe(409);
    expect((await post("auth.signup", "not an object")).status).toBe(400);
    const malformed = await fetch(`${baseUrl}/api/trpc/auth.signup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    const untyped = await fetch(`${baseUrl}/api/trpc/auth.signup`, { method: "POST", body: "{}" });
    expect(untyped.status).toBe(415);
  });
});
