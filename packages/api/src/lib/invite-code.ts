import { randomInt } from "node:crypto";

import { limits } from "@chat/validators";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** 10 characters from 62 letters, drawn with the CSPRNG without modulo bias: about 59.5 bits. */
export function newInviteCode(): string {
  let code = "";
  for (let i = 0; i < limits.inviteCode.length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
