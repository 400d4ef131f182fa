/**
 * The authorization matrix over tRPC's HTTP endpoint of the real app server: queries and
 * mutations get the table's HTTP status; subscriptions (server-sent events) start, or their
 * first event is the refusal.
 */
import { type Outcome, procedureType } from "@chat/api/testing";
import superjson from "superjson";
import { inject } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { type CellResult, describeMatrix, trpcHttpCall } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");

interface ErrorShape {
  data: { code: Outcome; httpStatus: number };
}

/** The first event of a server-sent event stream that is data or an error (not `connected` or a ping). */
async function firstSseEvent(response: Response): Promise<CellResult> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended without an event: ${buffer}`);
      buffer += value;
      const events = buffer.split("\n\n");
      buffer = events.pop()!;
      for (const event of events) {
        const type = /^event: (.*)$/m.exec(event)?.[1];
        if (type === "connected" || type === "ping" || event.startsWith(":")) continue;
        if (type !== "serialized-error") return { status: response.status, code: "ok" };
        const shape = superjson.deserialize<ErrorShape>(JSON.parse(/^data: (.*)$/m.exec(event)![1]!));
        return { status: shape.data.httpStatus, code: shape.data.code };
      }
    }
  } finally {
    await reader.cancel();
  }
}

describeMatrix(baseUrl, () => ({
  name: "tRPC over HTTP",
  serves: () => true,
  async call(token, path, input) {
    const response = await trpcHttpCall(baseUrl, token, path, input);
    if (procedureType(path) === "subscription") return firstSseEvent(response);
    if (response.ok) return { status: response.status, code: "ok" };
    const body = (await response.json()) as { error: { json: ErrorShape } };
    return { status: response.status, code: body.error.json.data.code };
  },
}));
