import { type Options, hash, verify } from "@node-rs/argon2";

import { type BoundedQueue, createBoundedQueue } from "./bounded-queue";
import { HashingThread } from "./hashing-threads";

/** OWASP's argon2id profile (19 MiB, 2 passes, 1 lane), passed explicitly: the library's defaults differ. */
export const argon2Options: Options = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/** One hash on libuv's thread pool, for scripts and tests; a server hashes through createPasswordHashing. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

/** Checks a password on libuv's thread pool; a malformed stored hash is a failed check, not a crash. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

export interface PasswordHashingSettings {
  /** Hashes at once, each on a thread of its own (below the core count, so the event loop keeps one). */
  threads: number;
  /** Hashes that may wait for a thread; more are refused with QueueFullError. */
  waiting: number;
}

export interface PasswordHashing {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a malformed stored hash. */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /** A hash of a random password, verified against when the account does not exist, so timing does not reveal it. */
  decoyHash(): Promise<string>;
  /** What runs and waits; the hashes go through it, and a test may hold its places. */
  readonly queue: BoundedQueue;
}

/**
 * The lowest priority there is. A cap of one fewer hash than the cores (on libuv's pool) still left
 * a hash holding a whole core at the event loop's priority, and a login burst kept fan-out p99 at
 * 4–5 × quiet; at nice 0 on threads of their own it was still up to 3 ×, at nice 10 up to 1.6 ×,
 * at nice 19 below the quiet run's (bench/README.md, login). The kernel then runs the event loop,
 * and anything else at normal priority, first whenever both want a core, while a hash still gets
 * every idle core; on a saturated machine logins wait, and past the queue get 429.
 */
const HASHING_NICENESS = 19;

/** argon2id on `threads` threads of lowered priority, with a bounded queue in front of them. */
export function createPasswordHashing(settings: PasswordHashingSettings): PasswordHashing {
  const queue = createBoundedQueue({ concurrency: settings.threads, waiting: settings.waiting });
  const idle = Array.from({ length: settings.threads }, () => new HashingThread({ options: argon2Options, niceness: HASHING_NICENESS }));
  const onThread = (job: Parameters<HashingThread["run"]>[0]) =>
    queue.run(async () => {
      const thread = idle.pop()!; // the queue lets at most `threads` jobs in at once
      try {
        return await thread.run(job);
      } finally {
        idle.push(thread);
      }
    });
  let decoy: Promise<string> | undefined;
  const hashing: PasswordHashing = {
    queue,
    hash: async (password) => (await onThread({ kind: "hash", password })) as string,
    verify: async (passwordHash, password) => (await onThread({ kind: "verify", hash: passwordHash, password })) === true,
    decoyHash: () => {
      decoy ??= hashing.hash(crypto.randomUUID()).catch((error: unknown) => {
        decoy = undefined; // refused or failed: the next login makes it
        throw error;
      });
      return decoy;
    },
  };
  return hashing;
}
