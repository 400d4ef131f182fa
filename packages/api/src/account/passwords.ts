import { availableParallelism } from "node:os";

import { type PasswordHashing, QueueFullError, createPasswordHashing } from "@chat/auth";
import { env } from "@chat/env";
import { fail } from "@chat/policy/errors";

/** About a second of hashes per thread on a quiet core (~10–30 ms each): a caller would rather hear 429 than wait longer. */
const WAITING_PER_THREAD = 32;

/** A full queue clears in about that long, so the refused caller need not wait longer. */
const RETRY_AFTER_SECONDS = 1;

/**
 * The process's password hashing (signup, login, password change). One per process, on
 * globalThis: Next.js may load this module once per bundle (route handlers, Server Actions), and
 * two pools would hash twice as much at once.
 */
const key = Symbol.for("@chat/api/password-hashing");
const processWide = globalThis as { [key]?: PasswordHashing };
const threads = env.PASSWORD_HASH_THREADS ?? Math.max(1, availableParallelism() - 1);
export const passwordHashing: PasswordHashing = (processWide[key] ??= createPasswordHashing({
  threads,
  waiting: threads * WAITING_PER_THREAD,
}));

/** A hashing call, whose full queue is a 429 with Retry-After (never a 500). */
async function refusedWhenFull<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof QueueFullError) throw fail.tooManyRequests(RETRY_AFTER_SECONDS, "The server is busy checking passwords, retry in a second");
    throw error;
  }
}

export const hashPassword = (password: string) => refusedWhenFull(passwordHashing.hash(password));
export const verifyPassword = (passwordHash: string, password: string) => refusedWhenFull(passwordHashing.verify(passwordHash, password));
export const decoyHash = () => refusedWhenFull(passwordHashing.decoyHash());
