import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";

/** Where Next.js's build output is addressed: content-hashed names, so each file may be kept for good. */
export const STATIC_ASSETS_PATH = "/_next/static";

/**
 * The production build's scripts, styles, fonts and images, sent with the copy precompressed at
 * build time (scripts/precompress-static.ts) that the browser accepts: brotli, else gzip, else as
 * is. Next.js would gzip each at its default level on every request. The file list is read once at
 * start (the build does not change under a running server); anything not in it is `next()`'s.
 */
export function createStaticAssets(staticDir: string) {
  const serve = sirv(staticDir, { brotli: true, gzip: true, extensions: [], maxAge: 31_536_000, immutable: true });
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const url = req.url ?? "";
    if ((req.method !== "GET" && req.method !== "HEAD") || !url.startsWith(`${STATIC_ASSETS_PATH}/`)) return next();
    // sirv resolves the request's own url against its folder: the same request, addressed below the prefix.
    serve(Object.assign(Object.create(req) as IncomingMessage, { url: url.slice(STATIC_ASSETS_PATH.length) }), res, next);
  };
}
