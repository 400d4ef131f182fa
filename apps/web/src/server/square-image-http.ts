import { Readable } from "node:stream";

import {
  SQUARE_IMAGE_MAX_BYTES,
  type SquareImageKind,
  enforceRateLimit,
  squareImageKey,
  squareImageSizes,
  toTRPCError,
} from "@chat/api";
import { fail } from "@chat/policy/errors";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";

import { discardRest, readBoundedBody } from "./bounded-body";
import { createRequestContext } from "./context";
import { isCrossSiteMutation } from "./csrf";
import { logFailure, requestIdOf, retryAfterHeaders } from "./procedure-http";

/**
 * Avatars and server icons over HTTP, beside the procedures: a picture is a raw body, not JSON.
 * The caller is the tRPC endpoint's (session cookie or bearer token, cross-site writes refused);
 * errors are the REST shape `{ code, message }` with the procedures' statuses.
 */
type RequestContext = Awaited<ReturnType<typeof createRequestContext>>;
type SignedIn = RequestContext & { user: NonNullable<RequestContext["user"]> };

async function signedIn(req: Request): Promise<SignedIn> {
  const ctx = await createRequestContext({
    headers: req.headers,
    clientAddress: req.headers.get("x-real-ip") ?? undefined,
    requestId: requestIdOf(req),
  });
  if (!ctx.user) throw fail.unauthorized();
  return ctx as SignedIn;
}

function errorResponse(error: unknown, req: Request): Response {
  const trpcError = toTRPCError(error);
  logFailure(trpcError, new URL(req.url).pathname, requestIdOf(req));
  const status = getHTTPStatusCodeFromError(trpcError);
  const message = trpcError.code === "INTERNAL_SERVER_ERROR" ? "Internal server error" : trpcError.message;
  return Response.json({ code: trpcError.code, message }, { status, headers: retryAfterHeaders([trpcError]) });
}

/**
 * PUT of a picture: who may is settled (`authorize`) before a byte of the body is read; a
 * Content-Length past 8 MiB is a 413 at once, and a body without one is cut off past it.
 */
export async function putSquareImage<T>(
  req: Request,
  authorize: (ctx: SignedIn) => Promise<void>,
  store: (ctx: SignedIn, bytes: Buffer) => Promise<T>,
): Promise<Response> {
  try {
    if (isCrossSiteMutation(req)) throw fail.forbidden("Cross-site request refused");
    const ctx = await signedIn(req);
    await enforceRateLimit(ctx.rateLimiter, "calls", `user:${ctx.user.id}`);
    await authorize(ctx);
    const body = await readBoundedBody(req, SQUARE_IMAGE_MAX_BYTES);
    if (!body) throw fail.payloadTooLarge(SQUARE_IMAGE_MAX_BYTES);
    if (body.length === 0) throw fail.badRequest("The body is the picture: PNG, JPEG, GIF, WebP or AVIF");
    return Response.json(await store(ctx, Buffer.from(body.buffer, body.byteOffset, body.byteLength)));
  } catch (error) {
    // Refused before the body was read: drop it as it arrives, so that the answer is not lost to a reset.
    if (req.body && !req.body.locked) void discardRest(req.body.getReader());
    return errorResponse(error, req);
  }
}

export async function deleteSquareImage(req: Request, remove: (ctx: SignedIn) => Promise<void>): Promise<Response> {
  try {
    if (isCrossSiteMutation(req)) throw fail.forbidden("Cross-site request refused");
    const ctx = await signedIn(req);
    await enforceRateLimit(ctx.rateLimiter, "calls", `user:${ctx.user.id}`);
    await remove(ctx);
    return Response.json({ ok: true });
  } catch (error) {
    return errorResponse(error, req);
  }
}

const VERSION = /^[0-9a-f]{16}$/;
const ID = /^[0-9]{1,20}$/;

/**
 * GET of one size of a picture, to anyone signed in: avatars show wherever their person does.
 * The version is in the path, so a response never changes: cached for a year.
 */
export async function getSquareImage(req: Request, kind: SquareImageKind, params: { ownerId: string; version: string; size: string }) {
  try {
    const ctx = await signedIn(req);
    const size = Number(params.size);
    const known = ID.test(params.ownerId) && VERSION.test(params.version) && (squareImageSizes as readonly number[]).includes(size);
    if (!known) throw fail.notFound("Picture");
    const storage = ctx.storage!;
    const key = squareImageKey(kind, params.ownerId, params.version, size);
    const stat = await storage.stat(key);
    if (!stat) throw fail.notFound("Picture");
    const body = Readable.toWeb(await storage.read(key)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        "content-type": "image/webp",
        "content-length": String(stat.size),
        "cache-control": "private, max-age=31536000, immutable",
        "x-content-type-options": "nosniff",
      },
    });
  } catch (error) {
    return errorResponse(error, req);
  }
}
