/**
 * The last step of `build`: every script, style sheet and SVG under .next/static gets a gzip copy
 * (zopfli, 3–4 % smaller than zlib at its best level) and a brotli copy (quality 11) beside it, which
 * the server sends to browsers that accept them (src/server/static-assets.ts). Compressed once
 * here at the strongest settings, they cost no CPU per request, and the first load of a channel
 * shrinks (README, "Speed of the client"). A copy that would not be smaller is not written.
 */
import { gzipAsync } from "@gfx/zopfli";
import { readFile, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants } from "node:zlib";

const STATIC_DIR = path.resolve(import.meta.dirname, "../.next/static");
const COMPRESSIBLE = /\.(js|css|svg)$/;

const brotli = promisify(brotliCompress);
const encoders: [extension: ".gz" | ".br", encode: (body: Buffer) => Promise<Uint8Array>][] = [
  [".gz", (body) => gzipAsync(body, { numiterations: 15 })],
  [".br", (body) => brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })],
];

const files = (await readdir(STATIC_DIR, { recursive: true })).filter((name) => COMPRESSIBLE.test(name));
const started = performance.now();
const totals = { raw: 0, ".gz": 0, ".br": 0 };
for (const [index, name] of files.entries()) {
  const file = path.join(STATIC_DIR, name);
  const body = await readFile(file);
  totals.raw += body.length;
  for (const [extension, encode] of encoders) {
    const compressed = await encode(body);
    totals[extension] += Math.min(compressed.length, body.length);
    if (compressed.length < body.length) await writeFile(file + extension, compressed);
  }
  if ((index + 1) % 10 === 0 || index + 1 === files.length) console.log(`precompress-static: ${index + 1}/${files.length} files`);
}
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(
  `precompress-static: ${files.length} files, ${kB(totals.raw)} → gzip ${kB(totals[".gz"])}, brotli ${kB(totals[".br"])} ` +
    `in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
