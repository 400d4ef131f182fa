import type { z } from "zod";

import type { envSchema } from "./schema";

type Parsed = z.output<typeof envSchema>;
interface Problem {
  key: "AUTH_SECRET";
  message: string;
}

/** Words that only a copied placeholder (.env.example, docs) contains, never a generated secret. */
const PLACEHOLDER = /change-?me|replace|example|placeholder|insecure|dev(elopment)?[-_]?secret/i;
/** A generated secret (base64 or hex) of 32+ characters uses far more distinct characters than this. */
const MIN_DISTINCT_CHARACTERS = 10;

/**
 * What production refuses that development allows: a missing signing secret where instances share
 * a database (each would make its own, and tokens would work on one instance only), and secrets
 * that are copied placeholders or too plain to resist guessing.
 */
export function productionProblems(env: Parsed): Problem[] {
  if (env.NODE_ENV !== "production") return [];
  const secret = env.AUTH_SECRET;
  if (!secret) {
    return env.DATABASE_URL
      ? [{ key: "AUTH_SECRET", message: "AUTH_SECRET is required in production with DATABASE_URL: 32+ random characters, the same on every instance (try `openssl rand -base64 48`)" }]
      : [];
  }
  if (PLACEHOLDER.test(secret)) {
    return [{ key: "AUTH_SECRET", message: "AUTH_SECRET is the placeholder from the examples; production needs 32+ random characters (try `openssl rand -base64 48`)" }];
  }
  if (new Set(secret).size < MIN_DISTINCT_CHARACTERS) {
    return [{ key: "AUTH_SECRET", message: `AUTH_SECRET is too plain (fewer than ${MIN_DISTINCT_CHARACTERS} different characters); production needs 32+ random characters` }];
  }
  return [];
}
