/**
 * The body caps leave room for every valid request: the largest batch the web app can send (50
 * messages of 4000 three-byte characters, as superjson puts them on the wire) fits the tRPC cap,
 * and the largest message fits the REST cap.
 */
import { limits } from "@chat/validators/limits";
import superjson from "superjson";
import { describe, expect, it } from "vitest";

import { bodyLimits } from "~/server/body-limits";

const largestMessage = { channelId: "9223372036854775807", content: "€".repeat(limits.messageContent.max), replyToId: "9223372036854775807" };
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;

describe("body caps", () => {
  it("fit the largest valid tRPC batch", () => {
    const batch = Object.fromEntries(Array.from({ length: limits.batchCalls.max }, (_, i) => [i, superjson.serialize(largestMessage)]));
    expect(bytes(batch)).toBeLessThan(bodyLimits.trpc);
  });

  it("fit the largest valid REST body", () => {
    expect(bytes(largestMessage)).toBeLessThan(bodyLimits.rest);
  });
});
