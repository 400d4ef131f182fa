import { Readable } from "node:stream";

import { readableAttachment } from "@chat/api";
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
    const attachment = await readableAttachment(ctx.db, BigInt(attachmentId), ctx.user.id);
    const { storage } = await getServices();
    const served = servedAs(attachment.contentType, new URL(req.url).searchParams.get("download") === "1");
    const disposition = contentDisposition(attachment.filename, served.inline);
    const presigned = await storage.presignDownload(attachment.storageKey, {
      filename: attachment.filename,
      contentType: served.contentType,
      inline: served.inline,
      expiresInSeconds: PRESIGNED_SECONDS,
    });
    if (presigned) return new Response(null, { status: 302, headers: { ...fileHeaders, "cache-control": "private, no-store", location: presigned } });
    const stat = await storage.stat(attachment.storageKey);
    if (!stat) throw fail.notFound("Attachment");
    const body = Readable.toWeb(await storage.read(attachment.storageKey)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: { ...fileHeaders, "content-type": served.contentType, "content-disposition": disposition, "content-length": String(stat.size) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
