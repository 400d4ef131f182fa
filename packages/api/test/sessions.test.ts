/**
 * Sessions: listing with devices, revoking one or all others, changing the password and turning
 * two-factor on or off (each signs out every other session; a password change voids pending
 * two-factor sign-ins).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createMemoryRateLimiter } from "../src";
import { describeDevice } from "../src/account/session-revocation";
import { totpCode } from "../src/account/totp";
import { createHarness, expectCode, type Harness, signedIn } from "./harness";

const password = "correct horse battery";
const firefox = "Mozilla/5.0 (X11; Linux x86_64; rv:130.0) Gecko/20100101 Firefox/130.0";
const safari =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A user signed in on three devices: the harness's caller, a Firefox and an iPhone. */
async function signedInThrice() {
  const user = await h.user("devices");
  const email = `${user.username}@example.com`;
  const on = async (userAgent: string) => {
    const { token } = signedIn(await (await h.caller({ "user-agent": userAgent })).auth.login({ email, password }));
    return { token, caller: await h.caller({ authorization: `Bearer ${token}`, "user-agent": userAgent }) };
  };
  return { ...user, email, laptop: await on(firefox), phone: await on(safari) };
}

/** Who a token signs in as now: a fresh caller each time, since a caller's context holds its session. */
const whoIs = async (token: string) => (await h.caller({ authorization: `Bearer ${token}` })).auth.me();

describe("session.list", () => {
  it("lists active sessions with a device name, times, and which one is asking", async () => {
    const user = await signedInThrice();
    const sessions = await user.laptop.caller.session.list();
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    expect(sessions.find((session) => session.current)!.device).toBe("Firefox 130 on Linux");
    expect(sessions.map((session) => session.device)).toContain("Safari 17 on iOS");
    for (const session of sessions) {
      expect(session).toEqual({
        id: expect.stringMatching(/^\d+$/),
        device: expect.any(String),
        userAgent: expect.toSatisfy((value) => value === null || typeof value === "string"),
        createdAt: expect.any(Date),
        lastSeenAt: expect.any(Date),
        current: expect.any(Boolean),
      });
    }
    const other = await h.user("other");
    expect(await other.caller.session.list()).toHaveLength(1);
  });

  it("names devices from their user agents", () => {
    expect(describeDevice(firefox)).toBe("Firefox 130 on Linux");
    expect(describeDevice("curl/8.5.0")).toBe("curl");
    expect(describeDevice(null)).toBe("Unknown device");
  });
});

describe("revoking", () => {
  it("revokes one session: its token stops working at once, the others keep working", async () => {
    const user = await signedInThrice();
    const phone = (await user.phone.caller.session.list()).find((session) => session.current)!;
    await user.laptop.caller.session.revoke({ sessionId: phone.id });
    await expectCode(whoIs(user.phone.token), "UNAUTHORIZED");
    expect((await whoIs(user.laptop.token)).id).toBe(user.id);
    expect((await user.laptop.caller.session.list()).map((session) => session.id)).not.toContain(phone.id);
    await expectCode(user.laptop.caller.session.revoke({ sessionId: phone.id }), "NOT_FOUND");
  });

  it("never revokes another user's session", async () => {
    const user = await signedInThrice();
    const other = await h.user("other");
    const [theirs] = await other.caller.session.list();
    await expectCode(user.laptop.caller.session.revoke({ sessionId: theirs!.id }), "NOT_FOUND");
    expect((await other.caller.auth.me()).id).toBe(other.id);
  });

  it("revokes all others and keeps this one", async () => {
    const user = await signedInThrice();
    expect(await user.laptop.caller.session.revokeOthers()).toEqual({ revoked: 2 });
    await expectCode(whoIs(user.phone.token), "UNAUTHORIZED");
    await expectCode(whoIs(user.token), "UNAUTHORIZED");
    expect(await user.laptop.caller.session.list()).toEqual([expect.objectContaining({ current: true })]);
  });
});

describe("auth.changePassword", () => {
  it("needs the current password, and always ends the other sessions (endOtherSessions is ignored)", async () => {
    const user = await signedInThrice();
    await expectCode(
      user.laptop.caller.auth.changePassword({ currentPassword: "not it at all", newPassword: "a new password" }),
      "UNAUTHORIZED",
    );
    await expectCode(user.laptop.caller.auth.changePassword({ currentPassword: password, newPassword: "short" }), "BAD_REQUEST");
    expect((await whoIs(user.phone.token)).id).toBe(user.id); // a refused change ends nothing
    expect(await user.laptop.caller.auth.changePassword({ currentPassword: password, newPassword: "a new password" })).toEqual({
      revoked: 2,
    });
    await expectCode(whoIs(user.phone.token), "UNAUTHORIZED");
    await expectCode(whoIs(user.token), "UNAUTHORIZED");
    expect((await whoIs(user.laptop.token)).id).toBe(user.id);
    const anonymous = await h.caller();
    await expectCode(anonymous.auth.login({ email: user.email, password }), "UNAUTHORIZED");
    const again = signedIn(await anonymous.auth.login({ email: user.email, password: "a new password" }));

    const asked = { currentPassword: "a new password", newPassword: "another one entirely", endOtherSessions: false };
    expect(await user.laptop.caller.auth.changePassword(asked)).toEqual({ revoked: 1 });
    await expectCode(whoIs(again.token), "UNAUTHORIZED");
    expect((await user.laptop.caller.session.securityLog()).map((event) => event.kind)).toEqual(["password.changed", "password.changed"]);
  });

  it("voids a two-factor sign-in that was waiting for its code", async () => {
    const user = await h.user("pending");
    const email = `${user.username}@example.com`;
    const { secret } = await user.caller.twoFactor.enroll();
    await user.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
    const stale = await (await h.caller()).auth.login({ email, password });
    if (!("challenge" in stale)) throw new Error("expected a challenge");
    await user.caller.auth.changePassword({ currentPassword: password, newPassword: "a new password" });
    const code = totpCode(secret, Date.now() + 30_000);
    await expect((await h.caller()).auth.verifyTwoFactor({ challenge: stale.challenge, code })).rejects.toThrow("enter your password again");
    const fresh = await (await h.caller()).auth.login({ email, password: "a new password" });
    if (!("challenge" in fresh)) throw new Error("expected a challenge");
    signedIn(await (await h.caller()).auth.verifyTwoFactor({ challenge: fresh.challenge, code }));
  });

  it("is rate-limited per account", async () => {
    const limited = await createHarness({ rateLimiter: createMemoryRateLimiter() });
    try {
      const user = await limited.user("guesser");
      const tries: string[] = [];
      for (let i = 0; i < 6; i++) {
        const attempt = user.caller.auth.changePassword({ currentPassword: `guess ${i}`, newPassword: "whatever it is" });
        tries.push(await attempt.then(() => "ok", (error: { code: string }) => error.code));
      }
      expect(tries).toEqual([...Array(5).fill("UNAUTHORIZED"), "TOO_MANY_REQUESTS"]);
    } finally {
      await limited.close();
    }
  });
});

describe("two-factor on and off", () => {
  it("turning it on, and off again, ends every other session each time", async () => {
    const user = await signedInThrice();
    const { secret } = await user.laptop.caller.twoFactor.enroll();
    const { recoveryCodes } = await user.laptop.caller.twoFactor.confirm({ code: totpCode(secret, Date.now()) });
    await expectCode(whoIs(user.phone.token), "UNAUTHORIZED");
    await expectCode(whoIs(user.token), "UNAUTHORIZED");
    expect((await whoIs(user.laptop.token)).id).toBe(user.id);

    const login = await (await h.caller()).auth.login({ email: user.email, password });
    if (!("challenge" in login)) throw new Error("expected a challenge");
    const phone = await (await h.caller()).auth.verifyTwoFactor({ challenge: login.challenge, code: totpCode(secret, Date.now() + 30_000) });
    expect((await whoIs(phone.token)).id).toBe(user.id);
    await user.laptop.caller.twoFactor.disable({ code: recoveryCodes[0]! });
    await expectCode(whoIs(phone.token), "UNAUTHORIZED");
    expect((await whoIs(user.laptop.token)).id).toBe(user.id);
    expect((await user.laptop.caller.session.securityLog()).map((event) => event.kind)).toEqual(["two_factor.disabled", "two_factor.enabled"]);
  });
});
