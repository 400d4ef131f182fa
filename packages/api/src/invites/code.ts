import { randomInt } from "node:crypto";

import { limits } from "@chat/validators";

import { isUniqueViolation } from "../errors";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 10 characters from 62 letters, drawn with the CSPRNG without modulo bias: about 59.5 bits. */
export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < limits.inviteCode.length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Writes with a fresh code; a collision with `constraint` is retried rather than reported. */
export async function withFreshCode<T>(constraint: string, write: (code: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write(newInviteCode());
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error, constraint)) throw error;
    }
  }
}
