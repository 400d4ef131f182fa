/**
 * The send baseline: a bare `node:http` handler doing the product's INSERT of a message (same
 * table, same snowflake ids, same database), without tRPC, Next.js, sessions or fan-out.
 * POST /send {channelId, authorId, content} → the inserted row.
 */
import { createServer } from "node:http";
import path from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { nextId } from "@chat/db";
import postgres from "postgres";

import { baselineEnv, port } from "./port";

type Query = (text: string, params: unknown[]) => Promise<unknown[]>;

async function connect(): Promise<Query> {
  if (baselineEnv.DATABASE_URL) {
    const sql = postgres(baselineEnv.DATABASE_URL, { max: 10 });
    return (text, params) => sql.unsafe(text, params as string[]);
  }
  const pglite = new PGlite(path.join(baselineEnv.DATA_DIR!, "pglite"));
  await pglite.waitReady;
  return async (text, params) => (await pglite.query(text, params)).rows;
}

const query = await connect();
const INSERT = "insert into messages (id, channel_id, author_id, content) values ($1, $2, $3, $4) returning *";

const server = createServer((req, res) => {
  if (req.url === "/health") return res.end("ok");
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    const input = JSON.parse(body) as { channelId: string; authorId: string; content: string };
    query(INSERT, [String(nextId()), input.channelId, input.authorId, input.content]).then(
      (rows) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(rows[0], (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
});
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
