import { createHash, randomBytes } from "node:crypto";
import { Readable } from "node:stream";

const CHUNK = 64 * 1024;

/** `size` random bytes as a stream of 64 KiB chunks (never whole in memory), and their SHA-256 once streamed. */
export function randomBody(size: number): { stream: Readable; sha256: () => string } {
  const hash = createHash("sha256");
  let digest: string | undefined;
  async function* chunks() {
    for (let sent = 0; sent < size; sent += CHUNK) {
      const chunk = randomBytes(Math.min(CHUNK, size - sent));
      hash.update(chunk);
      yield chunk;
    }
  }
  return {
    stream: Readable.from(chunks(), { objectMode: false }),
    sha256: () => (digest ??= hash.digest("hex")),
  };
}

/** The SHA-256 and length of everything a stream yields. */
export async function digestOf(stream: AsyncIterable<Buffer | Uint8Array>): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of stream) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { sha256: hash.digest("hex"), size };
}
