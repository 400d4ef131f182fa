/**
 * The fan-out baseline: a bare `ws` server. POST /broadcast sends the request body, as it is, to
 * every connected client. With REDIS_URL the body first goes through one Redis PUBLISH, and every
 * instance broadcasts what it hears on the channel (the scaled baseline: one publish hop).
 */
import { createServer } from "node:http";

import { Redis } from "ioredis";
import { WebSocketServer } from "ws";

import { baselineEnv, port } from "./port";

const wss = new WebSocketServer({ noServer: true });
const broadcast = (text: string) => {
  for (const client of wss.clients) client.send(text);
};

const redisUrl = baselineEnv.REDIS_URL;
const topic = baselineEnv.BENCH_TOPIC ?? "bench:bare";
const publisher = redisUrl ? new Redis(redisUrl) : null;
if (redisUrl) {
  const subscriber = new Redis(redisUrl);
  await subscriber.subscribe(topic);
  subscriber.on("message", (_channel: string, text: string) => broadcast(text));
}

const server = createServer((req, res) => {
  if (req.url === "/health") return res.end("ok");
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString()));
  req.on("end", () => {
    if (publisher) void publisher.publish(topic, body);
    else broadcast(body);
    res.end("ok");
  });
});
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(port, "127.0.0.1");
process.on("SIGTERM", () => process.exit(0));
