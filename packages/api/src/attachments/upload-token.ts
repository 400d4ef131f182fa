import { createHmac, timingSafeEqual } from "node:crypto";

/** How long a disk upload's URL stays good: enough for a large file on a slow link, not for reuse days later. */
export const UPLOAD_TOKEN_SECONDS = 15 * 60;

export interface UploadClaim {
  attachmentId: string;
  size: number;
  /** Unix seconds. */
  expiresAt: number;
}

function mac(key: Uint8Array, payload: string): Buffer {
  return createHmac("sha256", key).update(`upload:${payload}`).digest();
}

/**
 * The token of a disk upload's URL (`/api/uploads/{id}?token=`): the upload's id, its declared
 * size and an expiry, signed with the app's secret, so the route stores only the bytes that
 * `attachment.createUpload` agreed to, for a short while.
 */
export function signUploadToken(key: Uint8Array, claim: UploadClaim): string {
  const payload = `${claim.attachmentId}.${claim.size}.${claim.expiresAt}`;
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

/** The claim of a token for `attachmentId`, or why it is refused (the upload route answers 401 or 403). */
export function verifyUploadToken(
  key: Uint8Array,
  token: string,
  attachmentId: string,
  now = new Date(),
): { ok: true; claim: UploadClaim } | { ok: false; reason: "invalid" | "expired" | "other-upload" } {
  const match = /^(\d{1,19})\.(\d{1,15})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: "invalid" };
  const [, id, size, expiresAt, signature] = match as unknown as [string, string, string, string, string];
  const expected = mac(key, `${id}.${size}.${expiresAt}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "invalid" };
  if (id !== attachmentId) return { ok: false, reason: "other-upload" };
  if (Number(expiresAt) * 1000 <= now.getTime()) return { ok: false, reason: "expired" };
  return { ok: true, claim: { attachmentId: id, size: Number(size), expiresAt: Number(expiresAt) } };
}
