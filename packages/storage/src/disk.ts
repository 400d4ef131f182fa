import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, open, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { ByteLimit } from "./limit";
import { assertStorageKey, type Storage, StorageNotFoundError } from "./storage";

/** Writes land here first; no key can name it (segments start with a letter or digit). */
const TEMP_DIR = ".tmp";

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

/**
 * Files under `root`, one per key. A write streams into a temporary file and is renamed into place
 * once complete, so readers never see half a file and a failed or too-large write leaves nothing.
 */
export function createDiskStorage(root: string): Storage {
  const base = path.resolve(root);
  const tempDir = path.join(base, TEMP_DIR);

  function fileOf(key: string): string {
    assertStorageKey(key);
    return path.join(base, ...key.split("/"));
  }

  async function openExisting(key: string) {
    try {
      return await open(fileOf(key), "r");
    } catch (error) {
      if (isMissing(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  return {
    kind: "disk",

    presignUpload: async () => null,
    presignDownload: async () => null,

    async write(key, body: Readable, { maxBytes }) {
      const file = fileOf(key);
      await mkdir(tempDir, { recursive: true });
      const temp = path.join(tempDir, randomUUID());
      const limit = new ByteLimit(maxBytes);
      try {
        await pipeline(body, limit, createWriteStream(temp, { flags: "wx" }));
        await mkdir(path.dirname(file), { recursive: true });
        await rename(temp, file);
      } catch (error) {
        await unlink(temp).catch(() => undefined);
        throw error;
      }
      return { size: limit.bytes };
    },

    async stat(key) {
      try {
        const info = await stat(fileOf(key));
        return info.isFile() ? { size: info.size } : null;
      } catch (error) {
        if (isMissing(error)) return null;
        throw error;
      }
    },

    async readHead(key, bytes) {
      const handle = await openExisting(key);
      try {
        const buffer = Buffer.alloc(bytes);
        const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },

    async read(key) {
      // Opened first, so that an absent file rejects here rather than erroring the stream later.
      return (await openExisting(key)).createReadStream();
    },

    async delete(keys) {
      await Promise.all(
        keys.map(async (key) => {
          try {
            await unlink(fileOf(key));
          } catch (error) {
            if (!isMissing(error)) throw error;
          }
        }),
      );
    },

    close: async () => undefined,
  };
}
