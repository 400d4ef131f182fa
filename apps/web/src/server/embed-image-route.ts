import { Readable } from "node:stream";

import { readableEmbedImage } from "@chat/api";
import { fail } from "@chat/policy/errors";
import { getServices } from "@chat/server-kit/services";

import { createRequestContext } from "./context";
import { fileHeaders } from "./download-route";
import { errorResponse } from "./json-error";
import { requestIdOf } from "./procedure-http";

/** How long an object store's link works: enough to start loading, too short to share. */
const PRESIGNED_SECONDS = 5 * 60;

// Snowflakes: a decimal that fits a bigint column; anything else is no such image.
const snowflake = /^[1-9]\d{0,17}$/;

/**
 * GET /api/embeds/{messageId}/{imageId}: a link preview's image, copied into storage when the
 * preview was made, for whoever may read the message's channel (the session cookie or a bearer
 * token), so that readers never load it from the linked site. With S3, a redirect to a
 * short-lived presigned URL; on disk, the bytes streamed; always as the type sniffed then.
 */
export async function handleEmbedImage(req: Request, messageId: string, imageId: string): Promise<Response> {
  try {
    if (!snowflake.test(messageId) || !snowflake.test(imageId)) throw fail.notFound("Image");
    const ctx = await createRequestContext({
      headers: req.headers,
      clientAddress: req.headers.get("x-real-ip") ?? undefined,
      requestId: requestIdOf(req),
    });
    if (!ctx.user) throw fail.unauthorized();
    const image = await readableEmbedImage(ctx.db, BigInt(messageId), imageId, ctx.user.id);
    const { storage } = await getServices();
    const presigned = await storage.presignDownload(image.key, {
      filename: `preview-${imageId}`,
      contentType: image.contentType,
      inline: true,
      expiresInSeconds: PRESIGNED_SECONDS,
    });
    if (presigned) return new Response(null, { status: 302, headers: { ...fileHeaders, "cache-control": "private, no-store", location: presigned } });
    const stat = await storage.stat(image.key);
    if (!stat) throw fail.notFound("Image");
    const body = Readable.toWeb(await storage.read(image.key)) as ReadableStream<Uint8Array>;
    return new Response(body, { headers: { ...fileHeaders, "content-type": image.contentType, "content-length": String(stat.size) } });
  } catch (error) {
    return errorResponse(error);
  }
}
