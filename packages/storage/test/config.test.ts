import path from "node:path";

import { parseEnv } from "@chat/env";
import { describe, expect, it } from "vitest";

import { storageConfigFromEnv } from "../src";

describe("storageConfigFromEnv", () => {
  it("keeps files on disk under DATA_DIR/files when no bucket is set", () => {
    const env = parseEnv({ DATA_DIR: "/srv/chat-data", S3_ENDPOINT: "http://minio:9000" });
    expect(storageConfigFromEnv(env)).toEqual({ kind: "disk", root: path.join("/srv/chat-data", "files") });
  });

  it("uses the bucket when S3_BUCKET is set, browsers' URLs on S3_ENDPOINT unless told otherwise", () => {
    const s3 = { S3_BUCKET: "chat-files", S3_ENDPOINT: "http://minio:9000", S3_ACCESS_KEY_ID: "chat", S3_SECRET_ACCESS_KEY: "secret-key" };
    expect(storageConfigFromEnv(parseEnv(s3))).toEqual({
      kind: "s3",
      bucket: "chat-files",
      region: "us-east-1",
      endpoint: "http://minio:9000",
      publicEndpoint: "http://minio:9000",
      accessKeyId: "chat",
      secretAccessKey: "secret-key",
      forcePathStyle: true,
    });
    const custom = parseEnv({ ...s3, S3_PUBLIC_ENDPOINT: "https://chat.example.com", S3_REGION: "auto", S3_FORCE_PATH_STYLE: "false" });
    expect(storageConfigFromEnv(custom)).toMatchObject({ publicEndpoint: "https://chat.example.com", region: "auto", forcePathStyle: false });
  });
});
