import { availableParallelism } from "node:os";

import { type Options, hash, verify } from "@node-rs/argon2";

import { createConcurrencyLimit } from "./concurrency";

/** OWASP's argon2id profile (19 MiB, 2 passes, 1 lane), passed explicitly: the library's defaults differ. */
export const argon2Options: Options = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

/**
 * argon2 runs on libuv's thread pool and keeps a core busy for each hash. Left alone, a burst of
 * logins takes every core, and the event loop (live fan-out, every other request) waits for one:
 * the login benchmark measured fan-out p99 at 4.8 × quiet during a burst (8 × on PostgreSQL).
 * So hashes run at most one fewer than the cores at a time, and queue beyond that.
 */
const limitHashing = createConcurrencyLimit(Math.max(1, availableParallelism() - 1));

export function hashPassword(password: string): Promise<string> {
  return limitHashing(() => hash(password, argon2Options));
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await limitHashing(() => verify(passwordHash, password));
  } catch {
    return false; // a malformed stored hash is a failed login, not a crash
  }
}

/** A hash of a random password, verified against when the account does not exist, so timing does not reveal it. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
