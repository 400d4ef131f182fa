import { type IncomingMessage, request } from "node:http";

/** Helpers for tests that drive a real server process through its lifecycle (here and in apps). */

export interface Response {
  status: number;
  headers: IncomingMessage["headers"];
  body: string;
}

/**
 * A POST whose body the test sends when it chooses: the request stays in flight on the server
 * until `finish` is called.
 */
export function slowPost(port: number, path: string, body: string, headers: Record<string, string> = {}) {
  const req = request({
    host: "127.0.0.1",
    port,
    path,
    method: "POST",
    headers: { ...headers, "content-length": Buffer.byteLength(body) },
  });
  const half = Math.floor(body.length / 2);
  req.write(body.slice(0, half));
  const response = new Promise<Response>((resolve, reject) => {
    req.once("error", reject);
    req.once("response", (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.once("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      res.once("error", reject);
    });
  });
  return {
    finish() {
      req.end(body.slice(half));
      return response;
    },
    response,
  };
}

/** Whether a new TCP connection to the port is refused. */
export async function connectionRefused(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(5_000) });
    return false;
  } catch (error) {
    return (error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
  }
}

/** Polls until `condition` holds (log lines are written when a response closes, just after the client has it). */
export async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
