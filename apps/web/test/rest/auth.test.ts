import { secretKey, signSessionToken } from "@chat/auth";
import { describe, expect, inject, it } from "vitest";

import { sharedAppEnv } from "../shared-app-env";
import { useOwnClientAddress } from "../support/client-address";
import { password, restClient, runId, signUp } from "../support/http";
import { anonymousRoutes, concretePath, routeTable } from "./routes";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const rest = restClient(baseUrl);

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe("POST /auth/signup", () => {
  it("creates the account and answers a bearer token and the user, without a cookie", async () => {
    const username = `Ada.L_${runId}`;
    const response = await rest("POST", "/auth/signup", { body: { username, email: `${username}@Example.com`, password } });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      user: {
        id: expect.stringMatching(/^\d+$/),
        username,
        email: `${username.toLowerCase()}@example.com`,
        createdAt: expect.stringMatching(isoTime),
        avatarUrl: null,
      },
    });
    expect(response.headers.get("set-cookie")).toBeNull();
    const me = await rest("GET", "/auth/me", { token: response.body.token });
    expect(me.body.id).toBe(response.body.user.id);
  });

  it("answers 400 with the issue of each invalid field", async () => {
    const response = await rest("POST", "/auth/signup", { body: { username: "a", email: "not-an-email", password: "short" } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("BAD_REQUEST");
    expect(typeof response.body.message).toBe("string");
    const fields = response.body.issues.map((issue: { path: string[] }) => issue.path.join("."));
    expect(fields.sort()).toEqual(["email", "password", "username"]);
  });

  it("answers 409 for a username or an email taken in another letter case", async () => {
    const grace = await signUp(rest, "grace");
    const sameName = { username: grace.username.toUpperCase(), email: `other_${grace.email}`, password };
    const sameEmail = { username: `${grace.username}x`, email: grace.email.toUpperCase(), password };
    for (const body of [sameName, sameEmail]) {
      const response = await rest("POST", "/auth/signup", { body });
      expect([response.status, response.body]).toEqual([409, { code: "CONFLICT", message: expect.any(String) }]);
    }
  });
});

describe("POST /auth/login", () => {
  it("signs in by email in any letter case", async () => {
    const user = await signUp(rest, "login");
    const response = await rest("POST", "/auth/login", { body: { email: user.email.toUpperCase(), password } });
    expect(response.status).toBe(200);
    expect(response.body.user).toMatchObject({ id: user.id, username: user.username, email: user.email });
    expect((await rest("GET", "/auth/me", { token: response.body.token })).status).toBe(200);
  });

  it("answers 401 alike for a wrong password and an unknown email, and 400 for a missing field", async () => {
    const user = await signUp(rest, "wrong");
    const wrong = await rest("POST", "/auth/login", { body: { email: user.email, password: "wrong password" } });
    const unknown = await rest("POST", "/auth/login", { body: { email: `nobody_${runId}@example.com`, password } });
    expect(wrong).toMatchObject({ status: 401, body: { code: "UNAUTHORIZED", message: "Wrong email or password" } });
    expect(unknown).toMatchObject({ status: 401, body: wrong.body });
    const missing = await rest("POST", "/auth/login", { body: { email: user.email } });
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0].path).toEqual(["password"]);
  });

  it("answers 429 with Retry-After after 10 attempts a minute on one account", async () => {
    const user = await signUp(rest, "limited");
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await rest("POST", "/auth/login", { body: { email: user.email, password: "wrong password" } })).status).toBe(401);
    }
    const limited = await rest("POST", "/auth/login", { body: { email: user.email, password } });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ code: "TOO_MANY_REQUESTS", message: expect.stringContaining("Too many requests") });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });
});

describe("GET /auth/me and POST /auth/logout", () => {
  it("me answers the caller with their email", async () => {
    const user = await signUp(rest, "me");
    const response = await rest("GET", "/auth/me", { token: user.token });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ id: user.id, username: user.username, email: user.email, createdAt: expect.stringMatching(isoTime), avatarUrl: null });
  });

  it("logout needs no body, revokes that token at once and leaves other sessions signed in", async () => {
    const user = await signUp(rest, "logout");
    const other = await rest("POST", "/auth/login", { body: { email: user.email, password } });
    const response = await rest("POST", "/auth/logout", { token: user.token });
    expect(response).toMatchObject({ status: 200, body: { ok: true } });
    expect((await rest("GET", "/auth/me", { token: user.token })).status).toBe(401);
    expect((await rest("POST", "/auth/logout", { token: user.token })).status).toBe(401);
    expect((await rest("GET", "/auth/me", { token: other.body.token })).status).toBe(200);
  });
});

describe("authentication on every route", () => {
  // Six credentials on every route of the table, one request after another: past the default minute on a busy machine.
  it("answers 401 to a missing, malformed, forged, expired or revoked token on each route that needs one", async () => {
    const user = await signUp(rest, "sweep");
    const revoked = (await rest("POST", "/auth/login", { body: { email: user.email, password } })).body.token;
    await rest("POST", "/auth/logout", { token: revoked });
    const claims = JSON.parse(Buffer.from(user.token.split(".")[1]!, "base64url").toString()) as { sub: string; sid: string };
    const expired = await signSessionToken({ userId: claims.sub, sessionId: claims.sid }, secretKey(sharedAppEnv.AUTH_SECRET), -60);
    const forged = await signSessionToken({ userId: claims.sub, sessionId: claims.sid }, secretKey("x".repeat(40)));
    const credentials: Record<string, Record<string, string>> = {
      missing: {},
      "not a JWT": { authorization: "Bearer not-a-token" },
      "another scheme": { authorization: `Basic ${user.token}` },
      forged: { authorization: `Bearer ${forged}` },
      expired: { authorization: `Bearer ${expired}` },
      revoked: { authorization: `Bearer ${revoked}` },
    };
    for (const [method, path] of routeTable) {
      if (anonymousRoutes.has(`${method} ${path}`)) continue;
      const body = method === "POST" || method === "PUT" ? {} : undefined;
      for (const [label, headers] of Object.entries(credentials)) {
        const response = await rest(method, concretePath(path, "1"), { headers, body });
        expect([response.status, response.body], `${label}: ${method} ${path}`).toEqual([
          401,
          { code: "UNAUTHORIZED", message: expect.any(String) },
        ]);
      }
    }
  }, 180_000);

  it("ignores the web app's session cookie: the REST API takes bearer tokens only", async () => {
    const user = await signUp(rest, "cookie");
    const response = await rest("GET", "/auth/me", { headers: { cookie: `chat_session=${user.token}` } });
    expect(response.status).toBe(401);
  });
});

describe("requests the API cannot take", () => {
  it("answers malformed JSON with 400, another media type with 415, a huge body with 413, an unknown route with 404", async () => {
    const post = (body: string, headers: Record<string, string>) =>
      fetch(`${baseUrl}/api/v1/auth/login`, { method: "POST", headers, body });
    const malformed = await post("{\"email\":", { "content-type": "application/json" });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({ code: "PARSE_ERROR", message: expect.any(String) });
    const form = await post("email=a&password=b", { "content-type": "application/x-www-form-urlencoded" });
    expect(form.status).toBe(415);
    expect((await form.json()).code).toBe("UNSUPPORTED_MEDIA_TYPE");
    const hugeBody = JSON.stringify({ email: "a@example.com", password: "x".repeat(100_000) });
    const huge = await post(hugeBody, { "content-type": "application/json" });
    expect(huge.status).toBe(413);
    expect((await huge.json()).code).toBe("PAYLOAD_TOO_LARGE");
    const unknown = await rest("GET", "/no/such/route");
    expect(unknown).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect((await rest("PATCH", "/servers")).status).toBe(404);
  });

  it("echoes the caller's x-request-id", async () => {
    const response = await rest("GET", "/auth/me", { headers: { "x-request-id": "trace-123" } });
    expect(response.headers.get("x-request-id")).toBe("trace-123");
  });
});
