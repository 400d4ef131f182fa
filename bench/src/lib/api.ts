/** The product's HTTP API as the benchmarks call it: tRPC over HTTP with a bearer token, and REST. */

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
