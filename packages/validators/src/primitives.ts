import { z } from "zod";

/** Ids are snowflakes (64-bit integers) carried as decimal strings, since JSON numbers lose precision past 2^53. */
const MAX_ID = 2n ** 63n - 1n; // PostgreSQL's bigint: a larger number would fail in the database, not here
export const id = z
  .string()
  .regex(/^[1-9]\d{0,18}$/, { message: "must be an id (a decimal string)", abort: true })
  .refine((value) => BigInt(value) <= MAX_ID, "must be an id (a decimal string)");

/** One line of text, trimmed before its length is checked, without control characters. */
export const line = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((value) => !/\p{Cc}/u.test(value), "must not contain control characters");


export const inviteCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{8,32}$/, "is not an invite code");
