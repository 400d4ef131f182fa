import { z } from "zod";

/**
 * What every domain's shapes are built from. Each domain's `dto.ts` holds a zod schema per shape
 * (the procedures' `.output()`, and the OpenAPI components) and the mapper that builds it, typed by
 * the schema so the two cannot drift. Ids travel as strings: snowflakes do not fit in a JSON
 * number. Times are Dates for tRPC (superjson) and ISO 8601 strings in JSON, which is what the
 * documents say.
 */

export const id = z.string().meta({ description: "A snowflake id, as a decimal string", example: "73400320000131072" });
export const timestamp = z.date().meta({ format: "date-time", description: "An ISO 8601 time", example: "2026-01-01T12:00:00.000Z" });
/** Someone named in another shape: an author, a creator, who banned. */
export const person = z.object({ id, username: z.string() });

/** Where an avatar is; its other sizes replace the last segment (128) with 32, 64 or 256. */
export const avatarUrl = z
  .string()
  .nullable()
  .meta({ description: "The avatar, 128×128 WebP (32, 64 or 256 as the last segment for other sizes); null: none, show initials", example: "/api/avatars/73400320000131072/3f2a9c1b0d4e5f67/128" });

export const okOutput = z.object({ ok: z.literal(true) }).meta({ id: "Ok" });
