import { z } from "zod";

/** Base64url of `bytes` bytes, with or without its `=` padding. */
const base64url = (what: string, bytes: number) => {
  const chars = Math.ceil((bytes * 4) / 3);
  const padding = (4 - (chars % 4)) % 4;
  return z.string().regex(new RegExp(`^[A-Za-z0-9_-]{${chars}}={0,${padding}}$`), `${what} must be ${bytes} bytes in base64url`);
};

/**
 * A browser's push subscription as `PushSubscription.toJSON()` gives it. Only https endpoints: a
 * push service is always one, and the server must not be made to post to plain-HTTP hosts.
 */
export const pushSubscriptionInput = z.object({
  endpoint: z.url({ protocol: /^https$/, error: "endpoint must be the https URL of a push service" }).max(2048),
  keys: z.object({
    /** The browser's P-256 public key, uncompressed (65 bytes). */
    p256dh: base64url("p256dh", 65),
    /** The auth secret (16 bytes). */
    auth: base64url("auth", 16),
  }),
});

export const pushEndpointInput = z.object({ endpoint: z.string().min(1).max(2048) });
