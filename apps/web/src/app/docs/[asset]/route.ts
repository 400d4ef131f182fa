import { readFile } from "node:fs/promises";
import path from "node:path";

import getSwaggerUiPath from "swagger-ui-dist/absolute-path.js";

/** The two Swagger UI files /docs loads, from the installed package, so the page needs no CDN. */
const assets: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

export async function GET(_req: Request, { params }: { params: Promise<{ asset: string }> }) {
  const { asset } = await params;
  const contentType = assets[asset];
  if (!contentType) return new Response("Not found", { status: 404 });
  const content = await readFile(path.join(getSwaggerUiPath(), asset));
  return new Response(content, { headers: { "content-type": contentType, "cache-control": "public, max-age=86400" } });
}
