/**
 * The build's scripts as the production server sends them: the copy precompressed at build time
 * in the encoding the client accepts (brotli, else gzip, else none), the same bytes once decoded,
 * kept by browsers for good, and without a page's policy headers.
 */
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { beforeAll, describe, expect, inject, it } from "vitest";

import { rawRequest } from "./support/raw-http";

const baseUrl = inject("baseUrl");

const rawGet = (path: string, headers: Record<string, string>, method?: string) => rawRequest(`${baseUrl}${path}`, headers, method);

describe("static assets", () => {
  let scripts: string[];
  beforeAll(async () => {
    const html = await (await fetch(`${baseUrl}/login`)).text();
    scripts = [...html.matchAll(/<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/g)].map(([, src]) => src!);
  });

  it("sends each script of a page in the encoding asked for, the same code once decoded", async () => {
    expect(scripts.length).toBeGreaterThan(2);
    for (const script of scripts) {
      const plain = await rawGet(script, { "accept-encoding": "identity" });
      expect(plain.status).toBe(200);
      expect(plain.headers["content-encoding"]).toBeUndefined();
      expect(plain.headers["content-type"]).toMatch(/javascript/);
      const gzip = await rawGet(script, { "accept-encoding": "gzip, deflate" });
      expect(gzip.headers["content-encoding"]).toBe("gzip");
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
      const brotli = await rawGet(script, { "accept-encoding": "gzip, deflate, br, zstd" });
      expect(brotli.headers["content-encoding"]).toBe("br");
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(brotli.body.length).toBeLessThan(gzip.body.length);
      expect(Number(brotli.headers["content-length"])).toBe(brotli.body.length);
    }
  });

  it("lets browsers and caches keep them for good, per encoding", async () => {
    const { headers } = await rawGet(scripts[0]!, { "accept-encoding": "br" });
    expect(headers["cache-control"]).toBe("public,max-age=31536000,immutable");
    expect(headers.vary).toBe("Accept-Encoding");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["content-security-policy"]).not.toContain("nonce-");
  });

  it("answers HEAD without a body, and leaves other methods and unknown files to the app", async () => {
    const head = await rawGet(scripts[0]!, { "accept-encoding": "br" }, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect((await rawGet("/_next/static/chunks/no-such-chunk.js", {})).status).toBe(404);
    expect((await rawGet(scripts[0]!, {}, "POST")).status).toBeGreaterThanOrEqual(400);
  });
});
