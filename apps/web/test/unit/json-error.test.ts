/** The file routes' refusals read like the REST API's: the status, `{ code, message }`, and `Retry-After` on a rate limit. */
import { fail } from "@chat/policy/errors";
import { describe, expect, it } from "vitest";

import { errorResponse } from "~/server/json-error";

describe("errorResponse", () => {
  it("answers a rate limit 429 with the seconds to wait", async () => {
    const response = errorResponse(fail.tooManyRequests(7));
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("7");
    expect(await response.json()).toEqual({ code: "TOO_MANY_REQUESTS", message: "Too many requests, retry in 7 s" });
  });

  it("answers other refusals without it, and rethrows faults", () => {
    const response = errorResponse(fail.notFound("Emoji"));
    expect(response.status).toBe(404);
    expect(response.headers.get("retry-after")).toBeNull();
    const fault = new Error("disk on fire");
    expect(() => errorResponse(fault)).toThrow(fault);
  });
});
