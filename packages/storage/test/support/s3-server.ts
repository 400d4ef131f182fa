import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import S3rver from "@20minutes/s3rver";
import { freePort } from "@chat/vitest-config/free-port";

import type { S3StorageConfig } from "../../src";

/** s3rver's built-in account. */
const ACCESS_KEY = "S3RVER";

/**
 * A real S3-compatible HTTP server on a free loopback port, storing under a temporary folder, with
 * one bucket. It checks SigV4 signatures (headers and presigned URLs) with its account's key.
 */
export async function startS3Server(bucket = "chat-test") {
  const directory = await mkdtemp(path.join(tmpdir(), "chat-s3rver-"));
  const port = await freePort();
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: bucket }] });
  await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const config: S3StorageConfig = {
    bucket,
    region: "us-east-1",
    endpoint,
    accessKeyId: ACCESS_KEY,
    secretAccessKey: ACCESS_KEY,
    forcePathStyle: true,
  };
  return {
    endpoint,
    directory,
    config,
    async stop() {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
