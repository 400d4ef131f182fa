import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import type { Readable } from "node:stream";

import { ByteLimit } from "./limit";
import { assertStorageKey, contentDisposition, type Storage, StorageNotFoundError, StorageTooLargeError } from "./storage";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  /** What the server reaches, e.g. http://minio:9000; unset: AWS's own endpoint for the region. */
  endpoint?: string;
  /** What browsers reach, for presigned URLs (e.g. https://files.example.com); defaults to `endpoint`. */
  publicEndpoint?: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `endpoint/bucket/key` rather than `bucket.endpoint/key`: what MinIO and most self-hosted servers need. */
  forcePathStyle: boolean;
}

/** S3 takes parts of at least 5 MiB; two in flight bound a write's memory to about 10 MiB. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;

const status = (error: unknown) => (error instanceof S3ServiceException ? error.$metadata.httpStatusCode : undefined);

export function createS3Storage(config: S3StorageConfig): Storage {
  const clientFor = (endpoint: string | undefined) =>
    new S3Client({
      region: config.region,
      endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
      // Checksums only where S3 requires them: a default CRC32 would be signed into presigned PUTs (which a
      // browser cannot compute) and is refused by older S3-compatible servers.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  const client = clientFor(config.endpoint);
  // Presigning is computed locally: this client only ever signs URLs for the address browsers use.
  const publicClient = config.publicEndpoint && config.publicEndpoint !== config.endpoint ? clientFor(config.publicEndpoint) : client;
  const Bucket = config.bucket;

  async function getObject(key: string, range?: string) {
    assertStorageKey(key);
    try {
      return await client.send(new GetObjectCommand({ Bucket, Key: key, Range: range }));
    } catch (error) {
      if (status(error) === 404) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  return {
    kind: "s3",

    async presignUpload(key, { contentType, size, expiresInSeconds }) {
      assertStorageKey(key);
      const command = new PutObjectCommand({ Bucket, Key: key, ContentType: contentType, ContentLength: size });
      const url = await getSignedUrl(publicClient, command, {
        expiresIn: expiresInSeconds,
        signableHeaders: new Set(["content-type", "content-length"]),
      });
      // The length is signed too; browsers set it from the body themselves (a script may not).
      return { url, method: "PUT", headers: { "Content-Type": contentType } };
    },

    async write(key, body: Readable, { contentType, maxBytes }) {
      assertStorageKey(key);
      const limit = new ByteLimit(maxBytes);
      body.on("error", (error) => limit.destroy(error));
      const upload = new Upload({
        client,
        params: { Bucket, Key: key, Body: body.pipe(limit), ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: PARTS_IN_FLIGHT,
      });
      try {
        await upload.done();
      } catch (error) {
        // Upload aborts its multipart upload itself; a body cut short never became an object. The
        // body is let go of as a pipeline would (disk), so that nothing keeps reading it.
        body.destroy();
        if (limit.bytes > maxBytes) throw new StorageTooLargeError(maxBytes);
        throw error;
      }
      return { size: limit.bytes };
    },

    async stat(key) {
      assertStorageKey(key);
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return { size: head.ContentLength ?? 0 };
      } catch (error) {
        if (status(error) === 404) return null;
        throw error;
      }
    },

    async readHead(key, bytes) {
      if (bytes <= 0) return Buffer.alloc(0);
      try {
        const object = await getObject(key, `bytes=0-${bytes - 1}`);
        return Buffer.from(await object.Body!.transformToByteArray());
      } catch (error) {
        // A range of an empty object is unsatisfiable: its head is empty.
        if (status(error) === 416) return Buffer.alloc(0);
        throw error;
      }
    },

    async read(key) {
      return (await getObject(key)).Body as Readable;
    },

    async presignDownload(key, { filename, contentType, inline, expiresInSeconds }) {
      assertStorageKey(key);
      const command = new GetObjectCommand({
        Bucket,
        Key: key,
        ResponseContentType: contentType,
        ResponseContentDisposition: contentDisposition(filename, inline),
      });
      return getSignedUrl(publicClient, command, { expiresIn: expiresInSeconds });
    },

    async delete(keys) {
      for (const key of keys) assertStorageKey(key);
      // One DeleteObject per key (a message has at most ten): DeleteObjects needs a Content-MD5 that
      // current SDKs replace by a CRC32 some S3-compatible servers refuse; absent keys answer 204 alike.
      await Promise.all(keys.map((key) => client.send(new DeleteObjectCommand({ Bucket, Key: key }))));
    },

    async close() {
      client.destroy();
      if (publicClient !== client) publicClient.destroy();
    },
  };
}
