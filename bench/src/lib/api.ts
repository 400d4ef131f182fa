/** The product's HTTP API as the benchmarks call it: tRPC over HTTP with a bearer token, and REST. */
import { WebSocket } from "ws";

export async function trpcMutation(url: string, path: string, input: unknown, token?: string): Promise<unknown> {
  const response = await fetch(`${url}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ json: input }),
  });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { result: { data: { json: unknown } } }).result.data.json;
}

export async function trpcQuery(url: string, path: string, input: unknown, token: string): Promise<unknown> {
  const query = encodeURIComponent(JSON.stringify({ json: input }));
  const response = await fetch(`${url}/api/trpc/${path}?input=${query}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 300)}`);
  return (JSON.parse(body) as { result: { data: { json: unknown } } }).result.data.json;
}

export async function restGet(url: string, path: string, token: string): Promise<unknown> {
  const response = await fetch(`${url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

export function sendMessage(url: string, token: string, channelId: string, content: string) {
  return trpcMutation(url, "message.send", { channelId, content }, token);
}

/** The WebSocket endpoint of a web process (/api/ws) or of apps/realtime (any path). */
export function wsUrl(httpUrl: string): string {
  return `${httpUrl.replace(/^http/, "ws")}/api/ws`;
}

/**
 * A tRPC client's WebSocket as the benchmarks use it for mutations: one socket, authenticated by
 * connection params, each call answered by the frame with its id. It skips Next.js's route handler,
 * which every HTTP call passes through.
 */
export async function openTrpcSocket(httpUrl: string, token: string) {
  const ws = new WebSocket(`${wsUrl(httpUrl)}?connectionParams=1`);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  ws.send(JSON.stringify({ method: "connectionParams", data: { token } }));
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  ws.on("message", (data: Buffer) => {
    const text = data.toString();
    if (text === "PING") return ws.send("PONG");
    const frame = JSON.parse(text) as { id?: number; error?: unknown; result?: { data?: { json?: unknown } } };
    const call = frame.id === undefined ? undefined : waiting.get(frame.id);
    if (!call) return;
    waiting.delete(frame.id!);
    if (frame.error) call.reject(new Error(JSON.stringify(frame.error).slice(0, 300)));
    else call.resolve(frame.result?.data?.json);
  });
  return {
    mutation(path: string, input: unknown): Promise<unknown> {
      const id = nextId++;
      ws.send(JSON.stringify({ id, method: "mutation", params: { path, input: { json: input } } }));
      return new Promise((resolve, reject) => waiting.set(id, { resolve, reject }));
    },
    close: () => ws.close(),
  };
}
