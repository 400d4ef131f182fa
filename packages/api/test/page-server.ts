/** A web site as link-preview tests need one: plain http on 127.0.0.1, a handler per path. */
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface PageServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, as the fetcher's allow-list names it. */
  host: string;
  pages: Map<string, PageHandler>;
  /** Request headers by path, as they arrived. */
  requests: Array<{ path: string; userAgent: string | undefined }>;
  close(): Promise<void>;
}

export function htmlPage(head: string): PageHandler {
  return (_req, res) => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<!doctype html><html><head>${head}</head><body><p>Hi</p></body></html>`);
}

export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, PageHandler>();
  const requests: PageServer["requests"] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, userAgent: req.headers["user-agent"] });
    const handler = pages.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404).end();
  });
  server.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    pages,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
