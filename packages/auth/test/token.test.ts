import { describe, expect, it } from "vitest";

import { hashPassword, secretKey, signSessionToken, verifyPassword, verifySessionToken } from "../src";

const key = secretKey("unit-test-secret-unit-test-secret-0123456789");

describe("session tokens", () => {
  it("round-trips the user and session ids", async () => {
    const token = await signSessionToken({ userId: "12", sessionId: "34" }, key);
    expect(await verifySessionToken(token, key)).toEqual({ userId: "12", sessionId: "34" });
  });

  it("rejects an expired token and one signed with another key", async () => {
    const expired = await signSessionToken({ userId: "12", sessionId: "34" }, key, -10);
    expect(await verifySessionToken(expired, key)).toBeNull();
    const foreign = await signSessionToken({ userId: "12", sessionId: "34" }, secretKey("x".repeat(40)));
    expect(await verifySessionToken(foreign, key)).toBeNull();
  });
});

describe("passwords", () => {
  it("verifies the right password only, and treats a corrupt hash as a mismatch", async () => {
    const stored = await hashPassword("correct horse");
    expect(await verifyPassword(stored, "correct horse")).toBe(true);
    expect(await verifyPassword(stored, "wrong horse")).toBe(false);
    expect(await verifyPassword("not-a-hash", "correct horse")).toBe(false);
  });
});
