import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Encryption at rest for small secrets (TOTP seeds): AES-256-GCM under a key derived from the
 * app's auth secret with HKDF, the owner's id bound in as associated data, so a sealed value
 * copied to another row does not open. Format: `v1.<iv>.<ciphertext>.<tag>` in base64url.
 */
const INFO = "chat-rtc secret box v1";

function boxKey(authKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync("sha256", authKey, Buffer.alloc(0), INFO, 32));
}

export function seal(authKey: Uint8Array, owner: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", boxKey(authKey), iv);
  cipher.setAAD(Buffer.from(owner));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv, ciphertext, cipher.getAuthTag()].map((part) => (typeof part === "string" ? part : part.toString("base64url"))).join(".");
}

/** The plaintext, or null when the value was not sealed for `owner` with this key. */
export function open(authKey: Uint8Array, owner: string, sealed: string): string | null {
  const [version, iv, ciphertext, tag] = sealed.split(".");
  if (version !== "v1" || !iv || !ciphertext || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", boxKey(authKey), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(owner));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}
