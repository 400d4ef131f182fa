/**
 * The upload baseline: a bare `node:http` server that pipes each request body into a file under
 * DATA_DIR, the least a server can do with an upload. PUT /upload/<n> → {"size": bytes}.
 */
import { createWriteStream } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { pipeline } from "node:stream/promises";

import { baselineEnv, port } from "./port";

const server = createServer((req, res) => {
  if (req.url === "/health") return res.end("ok");
  const file = createWriteStream(path.join(baselineEnv.DATA_DIR!, path.basename(req.url ?? "upload")));
  pipeline(req, file).then(
    () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ size: file.bytesWritten })),
    (error: unknown) => res.writeHead(500).end(String(error)),
  );
});
server.listen(port, "127.0.0.1");
