import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import webpush from "web-push";

/** The server's Web Push identity (RFC 8292): push services accept only what this key pair signed for a subscription made with its public half. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface VapidSettings {
  publicKey?: string;
  privateKey?: string;
  subject?: string;
  /** Where a generated pair is kept (DATA_DIR). */
  dataDir: string;
  /** The site's address, the subject when none is set. */
  publicUrl?: string;
}

/**
 * The configured key pair, or one generated once and kept in `dataDir` (as the auth secret is):
 * browsers' subscriptions are bound to the public key, so it must outlive restarts.
 */
export function loadVapidKeys({ publicKey, privateKey, subject, dataDir, publicUrl }: VapidSettings): VapidKeys {
  const who = subject ?? (publicUrl?.startsWith("https:") ? publicUrl : "mailto:admin@localhost");
  if (publicKey && privateKey) return { publicKey, privateKey, subject: who };
  if (publicKey || privateKey) throw new Error("Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither");
  const file = path.join(dataDir, "vapid-keys.json");
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx" fails if the file exists, so two processes starting together agree on the first pair.
    writeFileSync(file, JSON.stringify(webpush.generateVAPIDKeys()), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const generated = JSON.parse(readFileSync(file, "utf8")) as { publicKey: string; privateKey: string };
  return { ...generated, subject: who };
}
