import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import { env } from "@chat/env";

/**
 * The token signing secret: AUTH_SECRET when set. Without it (which @chat/env allows in production
 * only for the embedded mode), one is generated once and kept under DATA_DIR beside the database
 * it protects.
 */
export function loadAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  const file = path.join(env.DATA_DIR, "auth-secret");
  mkdirSync(env.DATA_DIR, { recursive: true });
  try {
    // "wx" fails if the file exists, so two processes starting together agree on the first secret.
    writeFileSync(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}
