import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface SecretSettings {
  /** The configured secret (AUTH_SECRET), if any. */
  secret?: string;
  /** Where a generated secret is kept (DATA_DIR). */
  dataDir: string;
}

/**
 * The token signing secret: the configured one when set. Without it (which @chat/env allows in
 * production only for the embedded mode), one is generated once and kept in `dataDir` beside the
 * database it protects.
 */
export function loadAuthSecret({ secret, dataDir }: SecretSettings): string {
  if (secret) return secret;
  const file = path.join(dataDir, "auth-secret");
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx" fails if the file exists, so two processes starting together agree on the first secret.
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
