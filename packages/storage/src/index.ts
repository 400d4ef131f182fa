import type { Env } from "@chat/env";
import path from "node:path";

import { createDiskStorage } from "./disk";
import { createS3Storage, type S3StorageConfig } from "./s3";
import type { Storage } from "./storage";

export {
  type Storage,
  type UploadTarget,
  StorageTooLargeError,
  StorageNotFoundError,
  StorageKeyError,
  assertStorageKey,
  contentDisposition,
} from "./storage";
export { createDiskStorage } from "./disk";
export { createS3Storage, type S3StorageConfig } from "./s3";

export type StorageConfig = { kind: "disk"; root: string } | ({ kind: "s3" } & S3StorageConfig);

export function createStorage(config: StorageConfig): Storage {
  return config.kind === "disk" ? createDiskStorage(config.root) : createS3Storage(config);
}

type StorageEnv = Pick<
  Env,
  | "DATA_DIR"
  | "S3_BUCKET"
  | "S3_ENDPOINT"
  | "S3_PUBLIC_ENDPOINT"
  | "S3_REGION"
  | "S3_ACCESS_KEY_ID"
  | "S3_SECRET_ACCESS_KEY"
  | "S3_FORCE_PATH_STYLE"
>;

/** S3 when S3_BUCKET is set (@chat/env then requires the endpoint and keys), else files under DATA_DIR/files. */
export function storageConfigFromEnv(env: StorageEnv): StorageConfig {
  if (!env.S3_BUCKET) return { kind: "disk", root: path.join(env.DATA_DIR, "files") };
  return {
    kind: "s3",
    bucket: env.S3_BUCKET,
    region: env.S3_REGION,
    endpoint: env.S3_ENDPOINT,
    publicEndpoint: env.S3_PUBLIC_ENDPOINT ?? env.S3_ENDPOINT,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
  };
}
