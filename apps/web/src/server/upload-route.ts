import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { storedUpload, verifyUploadToken } from "@chat/api";
import { DomainError, fail } from "@chat/policy/errors";
import { getServices } from "@chat/server-kit/services";
import { StorageTooLargeError } from "@chat/storage";

import { errorResponse } from "./json-error";

const tooLarge = (size: number) => new DomainError("PAYLOAD_TOO_LARGE", `This upload takes exactly ${size} bytes`);

/**
 * PUT /api/uploads/{id}?token=…: the bytes of an upload to the disk backend (with S3 they go to
 * the object store directly). The token (attachment.createUpload) names the upload and its size
 * and expires; the body is streamed into storage and cut off past that size, never held whole.
 */
export async function handleUpload(req: Request, attachmentId: string): Promise<Response> {
  try {
    // Snowflakes: a decimal that fits a bigint column; anything else is no such file.
    if (!/^[1-9]\d{0,17}$/.test(attachmentId)) throw fail.notFound("Upload");
    const { authKey, db, storage } = await getServices();
    const token = new URL(req.url).searchParams.get("token");
    if (!token) throw fail.unauthorized("An upload needs the token of its URL");
    const verdict = verifyUploadToken(authKey, token, attachmentId);
    if (!verdict.ok) throw verdict.reason === "other-upload" ? fail.forbidden("This token is for another upload") : fail.unauthorized("This upload's token is invalid or expired");
    if (storage.kind !== "disk") throw fail.notFound("Upload");
    const upload = await storedUpload(db, BigInt(attachmentId));
    if (verdict.claim.size !== upload.size) throw fail.forbidden("This token is for another size");
    const length = req.headers.get("content-length");
    if (length !== null && Number(length) > upload.size) throw tooLarge(upload.size);
    if (await storage.stat(upload.storageKey)) throw fail.conflict("This upload already has its bytes");
    if (!req.body) throw fail.badRequest("The request has no body");
    const body = Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>);
    const written = await storage
      .write(upload.storageKey, body, { contentType: upload.contentType, maxBytes: upload.size })
      .catch((error: unknown) => {
        throw error instanceof StorageTooLargeError ? tooLarge(upload.size) : error;
      });
    if (written.size !== upload.size) {
      // A short body is dropped: the client may PUT the whole file again.
      await storage.delete([upload.storageKey]);
      throw fail.badRequest(`Received ${written.size} bytes of the ${upload.size} declared`);
    }
    return Response.json({ id: attachmentId, size: written.size });
  } catch (error) {
    return errorResponse(error);
  }
}
