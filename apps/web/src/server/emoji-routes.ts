import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import { createEmoji, emojiFile } from "@chat/api";
import { fail } from "@chat/policy/errors";
import { getServices } from "@chat/server-kit/services";

import { createRequestContext } from "./context";
import { fileHeaders } from "./download-route";
import { errorResponse } from "./json-error";
import { requestIdOf } from "./procedure-http";

const contextOf = (req: Request) =>
  createRequestContext({ headers: req.headers, clientAddress: req.headers.get("x-real-ip") ?? undefined, requestId: requestIdOf(req) });

/**
 * PUT /api/servers/{serverId}/emojis?name=…: a new custom emoji, the body its image (≤ 256 KiB,
 * a larger Content-Length refused before a byte is read), for the session cookie or a bearer
 * token. A PUT from another site's page needs a CORS preflight this app never grants, so the
 * cookie cannot be ridden. Answers the emoji (201).
 */
export async function handleEmojiUpload(req: Request, serverId: string): Promise<Response> {
  try {
    const ctx = await contextOf(req);
    const length = req.headers.get("content-length");
    const emoji = await createEmoji(ctx, {
      serverId,
      name: new URL(req.url).searchParams.get("name"),
      declaredLength: length === null ? null : Number(length),
      body: req.body ? Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>) : null,
    });
    return Response.json(emoji, { status: 201 });
  } catch (error) {
    return errorResponse(error);
  }
}

/**
 * GET /api/emojis/{id}: an emoji's image, for any signed-in user (as on Discord, an emoji shows
 * wherever a message writes it). An id's bytes never change, so browsers keep it for a year;
 * always streamed (never a presigned redirect, which would expire inside that year).
 */
export async function handleEmojiImage(req: Request, emojiId: string): Promise<Response> {
  try {
    if (!/^[1-9]\d{0,17}$/.test(emojiId)) throw fail.notFound("Emoji");
    const ctx = await contextOf(req);
    if (!ctx.user) throw fail.unauthorized();
    const file = await emojiFile(ctx.db, BigInt(emojiId));
    const { storage } = await getServices();
    const stat = await storage.stat(file.storageKey);
    if (!stat) throw fail.notFound("Emoji");
    const body = Readable.toWeb(await storage.read(file.storageKey)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      // An emoji's bytes never change: cached for a year, where other files are kept 5 minutes.
      headers: { ...fileHeaders, "cache-control": "private, max-age=31536000, immutable", "content-type": file.contentType, "content-length": String(stat.size) },
    });
  } catch (error) {
    return errorResponse(error);
  }
}
