import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { argon2Options } from "@chat/auth";
import { eq, users } from "@chat/db";

import { createMemoryRateLimiter } from "../src";
import { rateRules } from "../src/core/rate-limit";
import { totpCode } from "../src/account/totp";
import { authKey, createHarness, expectCode, type Harness, signedIn } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const password = "correct horse battery";

describe("signup and login", () => {
  it("signs up, returns a working token, and stores an argon2id hash with OWASP parameters", async () => {
    const anonymous = await h.caller();
    const { token, user } = await anonymous.auth.signup({ username: "Ada.L", email: "Ada@Example.com", password });
    expect(user).toMatchObject({ username: "Ada.L", email: "ada@example.com" });
    expect(user.id).toMatch(/^\d+$/);
    const me = await (await h.caller({ authorization: `Bearer ${token}` })).auth.me();
    expect(me.id).toBe(user.id);
    const [row] = await h.handle.db.select().from(users).where(eq(users.id, BigInt(user.id)));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row!.passwordHash).not.toContain(password);
    expect(argon2Options).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
  });

  it("refuses a username or email taken in another letter case with CONFLICT", async () => {
    const anonymous = await h.caller();
    await anonymous.auth.signup({ username: "grace", email: "grace@example.com", password });
    await expectCode(anonymous.auth.signup({ username: "GRACE", email: "other@example.com", password }), "CONFLICT");
    await expectCode(anonymous.auth.signup({ username: "grace2", email: "GRACE@example.com", password }), "CONFLICT");
  });

  it.each([
    ["a one-letter username", { username: "a" }],
    ["a 33-letter username", { username: "a".repeat(33) }],
    ["a username with a space", { username: "bad name" }],
    ["a username with a dash", { username: "bad-name" }],
    ["a 7-character password", { password: "1234567" }],
    ["a 129-character password", { password: "x".repeat(129) }],
    ["an invalid email", { email: "not-an-email" }],
  ])("refuses %s with BAD_REQUEST", async (_label, override) => {
    const anonymous = await h.caller();
    await expectCode(
      anonymous.auth.signup({ username: "valid_name", email: "valid@example.com", password, ...override }),
      "BAD_REQUEST",
    );
  });

  it("accepts the limits themselves: 2 and 32 letters, 8 and 128 characters", async () => {
    const anonymous = await h.caller();
    await anonymous.auth.signup({ username: "ab", email: "ab@example.com", password: "12345678" });
    await anonymous.auth.signup({ username: "b".repeat(32), email: "b32@example.com", password: "p".repeat(128) });
  });

  it("logs in by email in any case, and refuses a wrong password or unknown email alike", async () => {
    const { username } = await h.user("login");
    const anonymous = await h.caller();
    const { user } = signedIn(await anonymous.auth.login({ email: `${username.toUpperCase()}@EXAMPLE.COM`, password }));
    expect(user.username).toBe(username);
    await expectCode(anonymous.auth.login({ email: `${username}@example.com`, password: "wrong password" }), "UNAUTHORIZED");
    await expectCode(anonymous.auth.login({ email: "nobody@example.com", password }), "UNAUTHORIZED");
  });

  it("sets an httpOnly, SameSite=Lax session cookie that authenticates on its own", async () => {
    const anonymous = await h.caller();
    const { username } = await h.user("cookie");
    const responseHeaders = new Headers();
    const { createContext, createCallerFactory, appRouter, unlimited } = await import("../src");
    const caller = createCallerFactory(appRouter)(
      await createContext({ db: h.handle.db, authKey, rateLimiter: unlimited, headers: new Headers(), responseHeaders }),
    );
    await caller.auth.login({ email: `${username}@example.com`, password });
    const cookie = responseHeaders.get("set-cookie")!;
    expect(cookie).toMatch(/^chat_session=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; HttpOnly; SameSite=Lax/);
    const viaCookie = await h.caller({ cookie: cookie.split(";")[0]! });
    expect((await viaCookie.auth.me()).username).toBe(username);
    await expectCode(anonymous.auth.me(), "UNAUTHORIZED");
  });
});

describe("tokens and revocation", () => {
  it("logout revokes the token at once, and only that session", async () => {
    const { caller, token, username } = await h.user("logout");
    const second = signedIn(await (await h.caller()).auth.login({ email: `${username}@example.com`, password }));
    await caller.auth.logout();
    await expectCode((await h.caller({ authorization: `Bearer ${token}` })).auth.me(), "UNAUTHORIZED");
    const stillIn = await h.caller({ authorization: `Bearer ${second.token}` });
    expect((await stillIn.auth.me()).username).toBe(username);
  });

  it("refuses tampered, foreign-key, alg:none, expired and wrong-audience tokens", async () => {
    const { token, id } = await h.user("tokens");
    const [header, payload, signature] = token.split(".") as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as { sid: string };
    const forged = (body: object) => Buffer.from(JSON.stringify(body)).toString("base64url");
    const base = { sid: claims.sid, iss: "chat-rtc", aud: "chat-rtc", sub: id };
    const sign = (body: object, key = authKey, typ = "session+jwt") =>
      new SignJWT(body as never).setProtectedHeader({ alg: "HS256", typ }).sign(key);
    const now = Math.floor(Date.now() / 1000);
    const bad = [
      `${header}.${forged({ ...base, sub: "1" })}.${signature}`,
      `${forged({ alg: "none", typ: "session+jwt" })}.${payload}.`,
      await sign({ ...base, iat: now, exp: now + 60 }, new TextEncoder().encode("another-secret-another-secret-0123456789")),
      await sign({ ...base, iat: now - 120, exp: now - 60 }),
      await sign({ ...base, aud: "someone-else", iat: now, exp: now + 60 }),
      await sign({ ...base, iat: now, exp: now + 60 }, authKey, "JWT"),
      "not-a-token",
    ];
    for (const candidate of bad) {
      await expectCode((await h.caller({ authorization: `Bearer ${candidate}` })).auth.me(), "UNAUTHORIZED");
    }
    expect((await (await h.caller({ authorization: `Bearer ${token}` })).auth.me()).id).toBe(id);
  });
});

describe("rate limits", () => {
  /** A harness with real limits; the account-wide ceiling lowered to 12 so that a test can reach it. */
  async function withLimits(run: (limited: Harness) => Promise<void>) {
    const limited = await createHarness({
      rateLimiter: createMemoryRateLimiter({ rules: { ...rateRules, loginAccount: { limit: 12, windowMs: 3_600_000 } } }),
    });
    try {
      await run(limited);
    } finally {
      await limited.close();
    }
  }
  const outcome = (call: Promise<unknown>) => call.then(() => "ok", (error: { code: string }) => error.code);

  it("blocks the 11th login a minute for one account from one address; the owner elsewhere still signs in", async () => {
    await withLimits(async (limited) => {
      const { username } = await limited.user("victim");
      const email = `${username}@example.com`;
      const attacker = await limited.caller({}, "203.0.113.66");
      const tries: string[] = [];
      for (let i = 0; i < 11; i++) tries.push(await outcome(attacker.auth.login({ email, password: `guess ${i}` })));
      expect(tries).toEqual([...Array(10).fill("UNAUTHORIZED"), "TOO_MANY_REQUESTS"]);
      await expectCode(attacker.auth.login({ email, password }), "TOO_MANY_REQUESTS");
      signedIn(await (await limited.caller({}, "198.51.100.7")).auth.login({ email, password }));
    });
  });

  it("past the account-wide ceiling: a password alone gets 429, password + code still signs in, wrong passwords get decoys", async () => {
    await withLimits(async (limited) => {
      const plain = await limited.user("plain");
      const secure = await limited.user("secure");
      const { secret } = await secure.caller.twoFactor.enroll();
      await secure.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
      // Guessers on four addresses, four wrong passwords each: 16 attempts, past the ceiling of 12.
      for (const who of [plain, secure]) {
        for (let address = 1; address <= 4; address++) {
          const attacker = await limited.caller({}, `203.0.113.${address}`);
          for (let i = 0; i < 4; i++) await outcome(attacker.auth.login({ email: `${who.username}@example.com`, password: `guess ${i}` }));
        }
      }
      const owner = await limited.caller({}, "198.51.100.7");
      await expectCode(owner.auth.login({ email: `${plain.username}@example.com`, password }), "TOO_MANY_REQUESTS");

      const attacker = await limited.caller({}, "203.0.113.99");
      const decoy = await attacker.auth.login({ email: `${secure.username}@example.com`, password: "another guess" });
      expect(decoy).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
      if (!("challenge" in decoy)) throw new Error("expected a challenge");
      // Even the right code does not pass a decoy, and the answer is the one for a wrong code.
      await expect(attacker.auth.verifyTwoFactor({ challenge: decoy.challenge, code: totpCode(secret, Date.now() + 30_000) })).rejects.toThrow(
        "Wrong, expired or already used code",
      );

      const real = await owner.auth.login({ email: `${secure.username}@example.com`, password });
      if (!("challenge" in real)) throw new Error("expected a challenge");
      const session = await owner.auth.verifyTwoFactor({ challenge: real.challenge, code: totpCode(secret, Date.now() + 30_000) });
      expect(session.user.id).toBe(secure.id);
    });
  });

  it("answers 'email already registered' 5 times an hour per address, then refuses that address's sign-ups", async () => {
    await withLimits(async (limited) => {
      const { username } = await limited.user("known");
      const prober = await limited.caller({}, "203.0.113.50");
      const probe = (i: number, email = `${username}@example.com`) =>
        outcome(prober.auth.signup({ username: `probe_${username}_${i}`, email, password }));
      const answers: string[] = [];
      for (let i = 0; i < 6; i++) answers.push(await probe(i));
      expect(answers).toEqual([...Array(5).fill("CONFLICT"), "TOO_MANY_REQUESTS"]);
      // A free email would tell it apart by signing up: it is refused as well.
      expect(await probe(7, `free_${username}@example.com`)).toBe("TOO_MANY_REQUESTS");
      const elsewhere = await limited.caller({}, "198.51.100.8");
      signedIn(await elsewhere.auth.signup({ username: `new_${username}`, email: `free_${username}@example.com`, password }));
    });
  });
});
