/**
 * TOTP two-factor: enrolment, login with a challenge, codes on a fixed clock, recovery codes, rate
 * limits with back-off, 3 codes per challenge, wrong codes in the user's security log.
 */
import { eq, twoFactor } from "@chat/db";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createMemoryRateLimiter } from "../src";
import { open } from "../src/account/secret-box";
import { matchTotp, totpCode } from "../src/account/totp";
import { checkSecondFactor } from "../src/account/second-factor";
import { authKey, type Caller, createHarness, expectCode, type Harness, signedIn } from "./harness";

const password = "correct horse battery";
let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A user with two-factor on: their secret, recovery codes, and the step the confirming code used. */
async function enrolled(name = "secure") {
  const user = await h.user(name);
  const enrolment = await user.caller.twoFactor.enroll();
  const secret = enrolment.secret;
  const { recoveryCodes } = await user.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
  return { ...user, secret, recoveryCodes, email: `${user.username}@example.com` };
}

/** A code that no earlier call has used: the next step's, which the ±1 window accepts. */
const nextCode = (secret: string) => totpCode(secret, Date.now() + 30_000);

async function challengeFor(email: string): Promise<string> {
  const result = await (await h.caller()).auth.login({ email, password });
  if (!("challenge" in result)) throw new Error("expected a two-factor challenge");
  return result.challenge;
}

describe("TOTP codes on a fixed clock", () => {
  const secret = "JBSWY3DPEHPK3PXP";
  const now = Date.UTC(2026, 0, 1, 12, 0, 10); // 10 s into a step
  const step = BigInt(Math.floor(now / 30_000));

  it("accepts the current code and the neighbouring steps' (±1), and names the step it belongs to", () => {
    expect(matchTotp(secret, totpCode(secret, now), now)).toBe(step);
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBe(step - 1n);
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBe(step + 1n);
  });

  it("refuses an expired code (two steps old), a future one, and a wrong one", () => {
    expect(matchTotp(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(matchTotp(secret, totpCode(secret, now + 60_000), now)).toBeNull();
    const wrong = String((Number(totpCode(secret, now)) + 1) % 1_000_000).padStart(6, "0");
    expect(matchTotp(secret, wrong, now)).toBeNull();
  });

  it("accepts each code once, and never an older step after a newer one (against the database)", async () => {
    const user = await enrolled("clock");
    const deps = { db: h.handle.db, authKey, rateLimiter: (await import("../src")).unlimited };
    const id = BigInt(user.id);
    const t = Date.now() + 5 * 60_000; // steps no earlier call used
    await expect(checkSecondFactor(deps, id, totpCode(user.secret, t), { now: t })).resolves.toBe("totp");
    await expect(checkSecondFactor(deps, id, totpCode(user.secret, t), { now: t })).rejects.toThrow("already used");
    await expect(checkSecondFactor(deps, id, totpCode(user.secret, t - 30_000), { now: t })).rejects.toThrow();
    await expect(checkSecondFactor(deps, id, totpCode(user.secret, t + 30_000), { now: t })).resolves.toBe("totp");
    await expect(checkSecondFactor(deps, id, totpCode(user.secret, t - 90_000), { now: t })).rejects.toThrow();
  });
});

describe("enrolment", () => {
  it("gives an otpauth:// URI and a QR code of it; the secret is sealed at rest and never shown again", async () => {
    const user = await h.user("enrol");
    const enrolment = await user.caller.twoFactor.enroll();
    const uri = new URL(enrolment.uri);
    expect(uri.protocol).toBe("otpauth:");
    expect(uri.host).toBe("totp");
    expect(uri.searchParams.get("secret")).toBe(enrolment.secret);
    expect(uri.searchParams.get("issuer")).toBe("Chat RTC");
    expect(decodeURIComponent(uri.pathname)).toContain(user.username);
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);

    const png = PNG.sync.read(Buffer.from(enrolment.qrCode.replace(/^data:image\/png;base64,/, ""), "base64"));
    expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(enrolment.uri);

    const [row] = await h.handle.db.select().from(twoFactor).where(eq(twoFactor.userId, BigInt(user.id)));
    expect(row!.secret).not.toContain(enrolment.secret);
    expect(open(authKey, user.id, row!.secret)).toBe(enrolment.secret);
    expect(open(authKey, "someone else", row!.secret)).toBeNull();
    expect(JSON.stringify(await user.caller.twoFactor.status())).not.toContain(enrolment.secret);

    // Not on until confirmed: login still gives a session.
    expect(await user.caller.twoFactor.status()).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    signedIn(await (await h.caller()).auth.login({ email: `${user.username}@example.com`, password }));
  });

  it("turns on with a first code, handing out 10 recovery codes; a wrong first code changes nothing", async () => {
    const user = await h.user("confirm");
    const { secret } = await user.caller.twoFactor.enroll();
    const wrong = String((Number(totpCode(secret, Date.now())) + 1) % 1_000_000).padStart(6, "0");
    await expectCode(user.caller.twoFactor.confirm({ code: wrong }), "UNAUTHORIZED");
    const { recoveryCodes } = await user.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
    expect(recoveryCodes).toHaveLength(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
    expect(await user.caller.twoFactor.status()).toEqual({ enabled: true, recoveryCodesLeft: 10 });
    await expectCode(user.caller.twoFactor.enroll(), "CONFLICT");
    await expectCode(user.caller.twoFactor.confirm({ code: nextCode(secret) }), "BAD_REQUEST");
  });
});

describe("login with two-factor on", () => {
  it("answers a challenge, not a session; a code turns it into a working session", async () => {
    const user = await enrolled();
    const challenge = await challengeFor(user.email);
    await expectCode((await h.caller({ authorization: `Bearer ${challenge}` })).auth.me(), "UNAUTHORIZED");
    const anonymous = await h.caller({ "user-agent": "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0" });
    const session = await anonymous.auth.verifyTwoFactor({ challenge, code: nextCode(user.secret) });
    expect(session.user.id).toBe(user.id);
    expect((await (await h.caller({ authorization: `Bearer ${session.token}` })).auth.me()).id).toBe(user.id);
  });

  it("refuses a reused code, a session token as a challenge, and a forged challenge", async () => {
    const user = await enrolled();
    const code = nextCode(user.secret);
    const anonymous = await h.caller();
    await anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code });
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code }), "UNAUTHORIZED");
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: user.token, code }), "UNAUTHORIZED");
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: "a.b.c", code }), "UNAUTHORIZED");
  });

  it("takes each recovery code once, in any case and spacing", async () => {
    const user = await enrolled();
    const anonymous = await h.caller();
    const [first] = user.recoveryCodes;
    await anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code: first!.toUpperCase().replace("-", " ") });
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code: first! }), "UNAUTHORIZED");
    expect((await user.caller.twoFactor.status()).recoveryCodesLeft).toBe(9);
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code: "aaaaa-bbbbb" }), "UNAUTHORIZED");
  });

  /** A user with two-factor on in a harness of its own with real limits (on `now`, when given). */
  async function limitedUser(run: (limited: Harness, user: { email: string; secret: string; caller: Caller }) => Promise<void>, now?: () => number) {
    const limited = await createHarness({ rateLimiter: createMemoryRateLimiter(now ? { now } : {}) });
    try {
      const user = await limited.user("guess");
      const { secret } = await user.caller.twoFactor.enroll();
      await user.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
      await run(limited, { email: `${user.username}@example.com`, secret, caller: user.caller });
    } finally {
      await limited.close();
    }
  }
  const attempt = (call: Promise<unknown>) => call.then(() => "ok", (error: { code: string; message: string }) => `${error.code}: ${error.message}`);
  async function challengeIn(limited: Harness, email: string, address = "203.0.113.5"): Promise<string> {
    const result = await (await limited.caller({}, address)).auth.login({ email, password });
    if (!("challenge" in result)) throw new Error("expected a challenge");
    return result.challenge;
  }

  it("takes 3 codes per challenge: the 4th is refused even when right, and a new login starts afresh", async () => {
    await limitedUser(async (limited, user) => {
      const challenge = await challengeIn(limited, user.email);
      const anonymous = await limited.caller({}, "203.0.113.5");
      const wrong = String((Number(nextCode(user.secret)) + 1) % 1_000_000).padStart(6, "0");
      for (let i = 0; i < 3; i++) {
        expect(await attempt(anonymous.auth.verifyTwoFactor({ challenge, code: wrong }))).toBe("UNAUTHORIZED: Wrong, expired or already used code");
      }
      expect(await attempt(anonymous.auth.verifyTwoFactor({ challenge, code: nextCode(user.secret) }))).toBe(
        "UNAUTHORIZED: Too many wrong codes: enter your password again",
      );
      const session = await anonymous.auth.verifyTwoFactor({ challenge: await challengeIn(limited, user.email), code: nextCode(user.secret) });
      expect(session.token).toEqual(expect.any(String));
    });
  });

  it("rate-limits code attempts per account across challenges, and each block is longer: 5 minutes, then 10", async () => {
    let time = Date.now();
    await limitedUser(async (limited, user) => {
      const anonymous = await limited.caller({}, "203.0.113.5");
      const guessRound = async () => {
        const answers: string[] = [];
        let challenge = "";
        for (let i = 0; i < 6; i++) {
          if (i % 3 === 0) challenge = await challengeIn(limited, user.email);
          answers.push(await attempt(anonymous.auth.verifyTwoFactor({ challenge, code: "123456" })));
        }
        return answers;
      };
      time += 300_000; // past the window of the code that turned two-factor on
      const first = await guessRound();
      expect(first.slice(0, 5)).toEqual(Array(5).fill("UNAUTHORIZED: Wrong, expired or already used code"));
      expect(first[5]).toBe("TOO_MANY_REQUESTS: Too many requests, retry in 300 s");
      time += 300_000;
      const second = await guessRound();
      expect(second[5]).toBe("TOO_MANY_REQUESTS: Too many requests, retry in 600 s");
    }, () => time);
  });

  it("writes each wrong sign-in code to the user's security log, with the address and device", async () => {
    await limitedUser(async (limited, user) => {
      const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
      const challenge = await challengeIn(limited, user.email);
      const intruder = await limited.caller({ "user-agent": firefox }, "203.0.113.77");
      await expectCode(intruder.auth.verifyTwoFactor({ challenge, code: "123456" }), "UNAUTHORIZED");
      await expectCode(intruder.auth.verifyTwoFactor({ challenge, code: "654321" }), "UNAUTHORIZED");
      const log = await user.caller.session.securityLog();
      expect(log.filter((event) => event.kind === "sign_in.code_failed")).toEqual([
        { id: expect.any(String), kind: "sign_in.code_failed", address: "203.0.113.77", device: "Firefox 130 on Linux", createdAt: expect.any(Date) },
        expect.objectContaining({ kind: "sign_in.code_failed" }),
      ]);
      expect(log.map((event) => event.kind)).toContain("two_factor.enabled");
      const stranger = await limited.user("stranger");
      expect(await stranger.caller.session.securityLog()).toEqual([]);
    });
  });
});

describe("turning it off and new recovery codes", () => {
  it("needs a code; afterwards login gives a session again", async () => {
    const user = await enrolled();
    await expectCode(user.caller.twoFactor.disable({ code: "aaaaa-bbbbb" }), "UNAUTHORIZED");
    await user.caller.twoFactor.disable({ code: nextCode(user.secret) });
    expect(await user.caller.twoFactor.status()).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    signedIn(await (await h.caller()).auth.login({ email: user.email, password }));
    await expectCode(user.caller.twoFactor.disable({ code: nextCode(user.secret) }), "BAD_REQUEST");
  });

  it("replaces the recovery codes for a TOTP code; the old ones stop working", async () => {
    const user = await enrolled();
    const { recoveryCodes } = await user.caller.twoFactor.regenerateRecoveryCodes({ code: nextCode(user.secret) });
    expect(recoveryCodes).toHaveLength(10);
    const anonymous = await h.caller();
    await expectCode(anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code: user.recoveryCodes[0]! }), "UNAUTHORIZED");
    await anonymous.auth.verifyTwoFactor({ challenge: await challengeFor(user.email), code: recoveryCodes[0]! });
  });
});
