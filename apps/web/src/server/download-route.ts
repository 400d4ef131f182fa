import { Readable } from "node:stream";

import { THUMBNAIL_SIDES, type ThumbnailSide, readableAttachment, thumbnailKey } from "@chat/api";
import { contentDisposition } from "@chat/storage";
import { fail } from "@chat/policy/errors";
import { getServices } from "@chat/server-kit/services";

import { createRequestContext } from "./context";
import { servedAs } from "./file-types";
import { errorResponse } from "./json-error";
import { requestIdOf } from "./procedure-http";

/** How long an object store's download link works: enough to start loading, too short to share. */
const PRESIGNED_SECONDS = 5 * 60;

/**
 * What every file response carries: private to the caller, never sniffed into another type, and
 * if a browser opens it as a document anyway, a sandbox where nothing runs or loads.
 */
export const fileHeaders = {
  "cache-control": "private, max-age=300",
  "x-content-type-options": "nosniff",
  "content-security-policy": "sandbox; default-src 'none'",
};

/**
 * GET /api/attachments/{id}/{filename}: a sent file, for whoever may read its channel (the session
 * cookie or a bearer token). With S3, a redirect to a short-lived presigned URL; on disk, the
 * bytes streamed. `?download=1` forces a download; risky types are downloads anyway (file-types.ts).
 * `?size=400` or `?size=1600`: a processed image's WebP thumbnail; a file without thumbnails (not
 * an image, or sent before they existed) is served itself, so clients may always ask.
 */
export async function handleDownload(req: Request, attachmentId: string): Promise<Response> {
  try {
    // Snowflakes: a decimal that fits a bigint column; anything else is no such file.
    if (!/^[1-9]\d{0,17}$/.test(attachmentId)) throw fail.notFound("Attachment");
    const ctx = await createRequestContext({
      headers: req.headers,
      clientAddress: req.headers.get("x-real-ip") ?? undefined,
      requestId: requestIdOf(req),
    });
    if (!ctx.user) throw fail.unauthorized();
    const query = new URL(req.url).searchParams;
    const side = thumbnailSide(query.get("size"));
    const attachment = await readableAttachment(ctx.db, BigInt(attachmentId), ctx.user.id);
    const { storage } = await getServices();
    const forceDownload = query.get("download") === "1";
    // A placeholder marks a processed image, whose thumbnails were written before its send committed.
    const file =
      side !== null && attachment.placeholder !== null
        ? {
            key: thumbnailKey(attachment.storageKey, side),
            filename: `${attachment.filename.replace(/\.[^.]*$/, "")}.${side}.webp`,
            served: servedAs("image/webp", forceDownload),
          }
        : { key: attachment.storageKey, filename: attachment.filename, served: servedAs(attachment.contentType, forceDownload) };
    const { served } = file;
    const disposition = contentDisposition(file.filename, served.inline);
    const presigned = await storage.presignDownload(file.key, {
      filename: file.filename,
      contentType: served.contentType,
      inline: served.inline,
      expiresInSeconds: PRESIGNED_SECONDS,
    });
    if (presigned) return new Response(null, { status: 302, headers: { ...fileHeaders, "cache-control": "private, no-store", location: presigned } });
    const stat = await storage.stat(file.key);
    if (!stat) throw fail.notFound("Attachment");
    const body = Readable.toWeb(await storage.read(file.key)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { ...fileHeaders, "content-type": served.contentType, "content-disposition": disposition, "content-length": String(stat.size) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

function thumbnailSide(size: string | null): ThumbnailSide | null {
  if (size === null) return null;
  const side = THUMBNAIL_SIDES.find((known) => String(known) === size);
  if (side === undefined) throw fail.badRequest(`size is one of ${THUMBNAIL_SIDES.join(", ")}`);
  return side;
}
