import { randomInt } from "node:crypto";

/**
 * Snowflake ids: 41 bits of milliseconds since EPOCH, 10 bits of worker, 12 bits of sequence.
 * Monotonic within a process and sortable by time across processes, so history pages by keyset.
 * The worker number is random per process, which keeps instances apart without coordination.
 */
export const ID_EPOCH_MS = 1_767_225_600_000; // 2026-01-01T00:00:00Z
const EPOCH = BigInt(ID_EPOCH_MS);
const WORKER = BigInt(randomInt(1024));
const SEQUENCE_MASK = 0xfffn;

let lastMillis = 0n;
let sequence = 0n;

export function nextId(): bigint {
  let now = BigInt(Date.now());
  if (now < lastMillis) now = lastMillis; // the clock stepped back: stay monotonic
  if (now === lastMillis) {
    sequence = (sequence + 1n) & SEQUENCE_MASK;
    if (sequence === 0n) now = lastMillis + 1n; // 4096 ids in one millisecond: borrow the next one
  } else {
    sequence = 0n;
  }
  lastMillis = now;
  return ((now - EPOCH) << 22n) | (WORKER << 12n) | sequence;
}

/** The creation time encoded in a snowflake. */
export function idTime(id: bigint): Date {
  return new Date(Number((id >> 22n) + EPOCH));
}

/** The smallest id of a message created at or after `time`: a time bound as a keyset bound. */
export function idFloorAt(time: Date): bigint {
  const millis = BigInt(time.getTime()) - EPOCH;
  return millis > 0n ? millis << 22n : 0n;
}
