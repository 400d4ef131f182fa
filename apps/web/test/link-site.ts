/**
 * A web site for link previews in the web tests: plain http on 127.0.0.1, one page with an Open
 * Graph card and its image. The app servers reach it only because their LINK_PREVIEW_ALLOW_HOSTS names it.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface LinkSite {
  /** The page with the card. */
  pageUrl: string;
  /** `127.0.0.1:<port>`, for LINK_PREVIEW_ALLOW_HOSTS. */
  host: string;
  close(): Promise<void>;
}

export const linkCard = { title: "The Tea Times", description: "All the news about tea, steeped daily.", siteName: "Tea Times" };

const image = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><rect width="64" height="64" fill="#3ba55c"/></svg>`;

export async function startLinkSite(): Promise<LinkSite> {
  const server = createServer((req, res) => {
    if (req.url === "/tea.svg") return void res.writeHead(200, { "content-type": "image/svg+xml" }).end(image);
    if (req.url !== "/tea") return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(
      `<!doctype html><html><head><title>Tea</title>
        <meta property="og:title" content="${linkCard.title}"><meta property="og:description" content="${linkCard.description}">
        <meta property="og:site_name" content="${linkCard.siteName}"><meta property="og:image" content="/tea.svg"></head><body></body></html>`,
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
