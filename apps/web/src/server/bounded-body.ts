/**
 * The body of a request, read up to a cap (body-limits.ts): null when it is larger. A declared
 * Content-Length over the cap is refused before a byte is read; a body without one (chunked) is
 * counted as it arrives, and reading stops as soon as the count passes the cap, so the rest is
 * never buffered. Every HTTP entry that reads a body reads it here.
 */
export async function readBoundedBody(req: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  if (Number(req.headers.get("content-length")) > maxBytes) return refused(reader);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) return refused(reader);
    chunks.push(chunk.value);
  }
  return Buffer.concat(chunks);
}

/** `req` with its body read within `maxBytes` (one without a body as it is); null when the body is larger. */
export async function boundedRequest(req: Request, maxBytes: number): Promise<Request | null> {
  if (!req.body) return req;
  const body = await readBoundedBody(req, maxBytes);
  return body && new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/** How long the rest of a refused body is read and dropped before the connection is cut. */
const LINGER_MS = 2_000;

/**
 * Reads and drops the rest of a refused body for a moment, the "lingering close" of nginx and
 * Apache: closing at once, with the client still sending, would reset the connection and lose
 * the answer with it. A client still sending after LINGER_MS is cut off (cancelling destroys the socket).
 */
export async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const cutOff = setTimeout(() => void reader.cancel().catch(() => undefined), LINGER_MS);
  try {
    while (!(await reader.read()).done);
  } catch {
    // The client left: nothing more to drop.
  } finally {
    clearTimeout(cutOff);
  }
}

function refused(reader: ReadableStreamDefaultReader<Uint8Array>): null {
  void discardRest(reader);
  return null;
}
