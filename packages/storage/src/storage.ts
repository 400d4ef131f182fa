import type { Readable } from "node:stream";

/** Where and how a client sends an upload's bytes itself. */
export interface UploadTarget {
  url: string;
  method: "PUT";
  headers: Record<string, string>;
}

/**
 * Where attachment bytes live: files under a folder (one instance) or an S3-compatible bucket
 * (several instances, or files too many for one disk). Keys are relative paths of letters, digits,
 * `.`, `_` and `-` segments (see `assertStorageKey`), the same on both backends.
 */
export interface Storage {
  readonly kind: "disk" | "s3";
  /** S3: a presigned PUT (content type and length signed). Disk: null, the bytes go through the app's upload route. */
  presignUpload(key: string, opts: { contentType: string; size: number; expiresInSeconds: number }): Promise<UploadTarget | null>;
  /** Streams the body in, never whole in memory; rejects with StorageTooLargeError past maxBytes and leaves nothing behind. */
  write(key: string, body: Readable, opts: { contentType: string; maxBytes: number }): Promise<{ size: number }>;
  /** Size of a stored object, or null when absent. */
  stat(key: string): Promise<{ size: number } | null>;
  /** Up to `bytes` first bytes (type sniffing, image dimensions). Rejects with StorageNotFoundError when absent. */
  readHead(key: string, bytes: number): Promise<Buffer>;
  /** The whole object as a stream. Rejects with StorageNotFoundError when absent. */
  read(key: string): Promise<Readable>;
  /** S3: a short-lived presigned GET carrying response content type and disposition. Disk: null (the app streams read()). */
  presignDownload(
    key: string,
    opts: { filename: string; contentType: string; inline: boolean; expiresInSeconds: number },
  ): Promise<string | null>;
  /** Deletes; absent keys are not an error. */
  delete(keys: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

/** A body longer than the `maxBytes` it was written with; nothing of it was kept. */
export class StorageTooLargeError extends Error {
  override name = "StorageTooLargeError";
  constructor(readonly maxBytes: number) {
    super(`the body is larger than ${maxBytes} bytes`);
  }
}

/** read() or readHead() of a key that holds nothing. */
export class StorageNotFoundError extends Error {
  override name = "StorageNotFoundError";
  constructor(readonly key: string) {
    super(`nothing is stored under ${key}`);
  }
}

/** A key that is not a plain relative path (`..`, absolute, odd characters): a bug of the caller, never user input. */
export class StorageKeyError extends Error {
  override name = "StorageKeyError";
}

const MAX_KEY_LENGTH = 512;
/** Segments start with a letter or digit, so none is `.` or `..` and none can be the disk backend's temporary folder. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;

export function assertStorageKey(key: string): void {
  if (key.length > MAX_KEY_LENGTH || !KEY.test(key)) {
    throw new StorageKeyError(`invalid storage key ${JSON.stringify(key.slice(0, 80))}: relative path segments of A-Z a-z 0-9 . _ - only`);
  }
}

/**
 * The Content-Disposition of a download: `inline` to show it, `attachment` to save it, both with the
 * name (RFC 6266: an ASCII fallback, then the UTF-8 name) so that "save as" proposes it.
 */
export function contentDisposition(filename: string, inline: boolean): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%]/g, "_");
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? "inline" : "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
