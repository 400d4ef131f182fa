/**
 * A web site for link previews in the web tests: plain http on 127.0.0.1, one page with an Open
 * Graph card and its image. The app servers reach it only because their LINK_PREVIEW_ALLOW_HOSTS names it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { deflateSync } from "node:zlib";

export interface LinkSite {
  /** The page with the card. */
  pageUrl: string;
  /** `127.0.0.1:<port>`, for LINK_PREVIEW_ALLOW_HOSTS. */
  host: string;
  close(): Promise<void>;
}

export const linkCard = { title: "The Tea Times", description: "All the news about tea, steeped daily.", siteName: "Tea Times" };

/** The card's image: a green PNG, made here as bytes. */
export const linkImage = { width: 64, height: 48, bytes: greenPng(64, 48) };

/** A PNG of one colour: signature, IHDR, one IDAT of unfiltered RGB rows, IEND. */
function greenPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => [0x3b, 0xa5, 0x5c]).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", header), chunk("IDAT", pixels), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export async function startLinkSite(): Promise<LinkSite> {
  const server = createServer((req, res) => {
    if (req.url === "/tea.png") return void res.writeHead(200, { "content-type": "image/png" }).end(linkImage.bytes);
    if (req.url !== "/tea") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<!doctype html><html><head><title>Tea</title>
        <meta property="og:title" content="${linkCard.title}"><meta property="og:description" content="${linkCard.description}">
        <meta property="og:site_name" content="${linkCard.siteName}"><meta property="og:image" content="/tea.png"></head><body></body></html>`,
    );
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    pageUrl: `http://127.0.0.1:${port}/tea`,
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
