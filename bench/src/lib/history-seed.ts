import { type DatabaseHandle, sql } from "@chat/db";

/** 2026-01-01T00:00:00Z, the epoch of the product's snowflakes (packages/db/src/ids.ts). */
const EPOCH = 1_767_225_600_000n;
/** A worker number of its own, so that the seeded ids never collide with a server's. */
const WORKER = 1_023n;
const CHUNK = 100_000;

/**
 * `count` messages in one channel, one a second and ending a minute ago, by a chunked
 * `INSERT … SELECT generate_series`. Their ids follow the snowflake layout (milliseconds << 22 |
 * worker << 12 | sequence), so the product pages them by keyset as it does real ones; `idOf(g)`
 * is the id of the g-th oldest.
 */
export async function seedHistory(handle: DatabaseHandle, channelId: string, authorId: bigint, count: number, onProgress: (done: number) => void) {
  const firstMs = BigInt(Date.now() - 60_000) - BigInt(count) * 1_000n;
  const idOf = (g: number) => ((firstMs + BigInt(g) * 1_000n - EPOCH) << 22n) | (WORKER << 12n);
  for (let from = 0; from < count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK) - 1;
    await handle.db.execute(sql`
      insert into messages (id, channel_id, author_id, content, created_at)
      select ((${String(firstMs)}::bigint + g * 1000 - ${String(EPOCH)}::bigint) << 22) | (${String(WORKER)}::bigint << 12),
             ${channelId}::bigint, ${String(authorId)}::bigint,
             'history message ' || g || ': the quick brown fox jumps over the lazy dog',
             to_timestamp((${String(firstMs)}::bigint + g * 1000) / 1000.0)
      from generate_series(${from}::int, ${to}::int) as g`);
    onProgress(to + 1);
  }
  await handle.db.execute(sql`analyze messages`);
  return { idOf };
}
