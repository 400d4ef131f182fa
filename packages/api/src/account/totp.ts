import { createHash } from "node:crypto";

import { limits } from "@chat/validators";
import { Secret, TOTP } from "otpauth";
import QRCode from "qrcode";

/** RFC 6238 as authenticator apps expect it: SHA-1, 6 digits, 30-second steps. */
const PERIOD = 30;
const ISSUER = "Chat RTC";

function totp(secret: string, label = "") {
  return new TOTP({ issuer: ISSUER, label, algorithm: "SHA1", digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** A new 160-bit secret, in base32. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The `otpauth://` URI and the same as a QR code (a PNG data URL) for the enrolment screen. */
export async function enrolment(secret: string, accountName: string) {
  const uri = totp(secret, accountName).toString();
  return { uri, secret, qrCode: await QRCode.toDataURL(uri, { margin: 2, width: 240 }) };
}

/** The code for the step containing `now` (epoch ms): for tests and nothing else. */
export function totpCode(secret: string, now: number): string {
  return totp(secret).generate({ timestamp: now });
}

/** The time step a code belongs to when it is valid within ±1 step of `now`, else null. */
export function matchTotp(secret: string, code: string, now: number): bigint | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  return delta === null ? null : BigInt(TOTP.counter({ period: PERIOD, timestamp: now }) + delta);
}

/** Recovery codes: 10 random base32 characters each (50 bits), shown as `xxxxx-xxxxx`. */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: limits.recoveryCodes.count }, () => {
    const code = new Secret({ size: 7 }).base32.slice(0, 10).toLowerCase();
    return `${code.slice(0, 5)}-${code.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter; a random code needs no slow hash. */
export function hashRecoveryCode(code: string): string {
  return createHash("sha256").update(code.toLowerCase().replace(/[\s-]/g, "")).digest("hex");
}
