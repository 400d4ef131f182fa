import { randomBytes } from "node:crypto";
import { Readable } from "node:stream";

import { MediaError, processAvatar } from "@chat/media";
import { DomainError, fail } from "@chat/policy/errors";
import type { Storage } from "@chat/storage";

import type { Context } from "../core/trpc";
import { type SquareImageKind, squareImageKey, squareImageSizes } from "./urls";

export function storageOf(ctx: Pick<Context, "storage">): Storage {
  if (!ctx.storage) throw new Error("no storage was handed to the API");
  return ctx.storage;
}

/** Crops and stores the picture in its four sizes under a new version, which it returns. */
export async function storeSquareImage(storage: Storage, kind: SquareImageKind, ownerId: bigint, input: Buffer): Promise<string> {
  const { files } = await processAvatar(input).catch(rethrowAsDomainError);
  const version = randomBytes(8).toString("hex");
  const keys = files.map(({ size }) => squareImageKey(kind, ownerId, version, size));
  try {
    await Promise.all(
      files.map(({ data }, index) =>
        storage.write(keys[index]!, Readable.from([data]), { contentType: "image/webp", maxBytes: data.length }),
      ),
    );
  } catch (error) {
    await storage.delete(keys);
    throw error;
  }
  return version;
}

/** A replaced or removed version's files; failing to delete only leaves files nobody names. */
export async function deleteSquareImage(ctx: Pick<Context, "storage" | "log">, kind: SquareImageKind, ownerId: bigint, version: string | null) {
  if (version === null) return;
  const keys = squareImageSizes.map((size) => squareImageKey(kind, ownerId, version, size));
  await storageOf(ctx)
    .delete(keys)
    .catch((err: unknown) => ctx.log.warn({ err, kind, ownerId: String(ownerId) }, "deleting an old picture failed"));
}

function rethrowAsDomainError(error: unknown): never {
  if (!(error instanceof MediaError)) throw error;
  if (error.reason === "too_large") throw new DomainError("PAYLOAD_TOO_LARGE", error.message);
  throw fail.badRequest(error.message);
}
