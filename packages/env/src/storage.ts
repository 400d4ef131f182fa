import type { z } from "zod";

import type { envSchema } from "./schema";

type Parsed = z.output<typeof envSchema>;

/** With S3_BUCKET set, files go to S3: it needs an address and keys, or every upload would fail at run time. */
export function storageProblems(env: Parsed): Array<{ key: string; message: string }> {
  if (!env.S3_BUCKET) return [];
  const needed = ["S3_ENDPOINT", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"] as const;
  return needed
    .filter((key) => !env[key])
    .map((key) => ({ key, message: `${key} is required when S3_BUCKET is set (attachments go to that bucket); unset S3_BUCKET to keep them under DATA_DIR/files` }));
}
