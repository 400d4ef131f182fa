/**
 * The measured side of the upload benchmark: a `node:http` server that hands each request body to
 * @chat/storage's disk backend (`storage.write`, under DATA_DIR/files), as the app's upload route
 * does. PUT /upload/<n> → {"size": bytes}; 413 past UPLOAD_MAX_BYTES.
 */
import { createServer } from "node:http";
import path from "node:path";

import { createStorage, StorageTooLargeError } from "@chat/storage";

import { baselineEnv, port } from "./port";

const storage = createStorage({ kind: "disk", root: path.join(baselineEnv.DATA_DIR!, "files") });
const maxBytes = Number(baselineEnv.UPLOAD_MAX_BYTES);

const server = createServer((req, res) => {
  if (req.url === "/health") return res.end("ok");
  storage.write(`bench/${path.basename(req.url ?? "upload")}`, req, { contentType: "application/octet-stream", maxBytes }).then(
    ({ size }) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ size })),
    (error: unknown) => res.writeHead(error instanceof StorageTooLargeError ? 413 : 500).end(String(error)),
  );
});
server.listen(port, "127.0.0.1");
