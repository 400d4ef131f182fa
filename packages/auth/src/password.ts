import { type Options, hash, verify } from "@node-rs/argon2";

/** OWASP's argon2id profile (19 MiB, 2 passes, 1 lane), passed explicitly: the library's defaults differ. */
export const argon2Options: Options = {
  algorithm: 2, // Algorithm.Argon2id (an ambient const enum, which isolated modules cannot read)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
};

export function hashPassword(password: string): Promise<string> {
  return hash(password, argon2Options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
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
