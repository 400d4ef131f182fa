/**
 * Rate limits over real HTTP on the real app server: 429 with Retry-After from the tRPC endpoint
 * and from REST, for message sends (5 per 5 s per user and channel), typing and logins (with the
 * backoff's first block of a minute). The limiter's own behaviour: packages/api/test/rate-limit.
 */
import { describe, expect, inject, it } from "vitest";

import { useOwnClientAddress } from "../support/client-address";
import { runId } from "../support/http";
import { httpAct, signUpPeople, trpcHttpCall } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const act = httpAct(baseUrl);

async function ownChannel() {
  const { owner } = await signUpPeople(baseUrl);
  const server = (await act(owner.token, "server.create", { name: "Limits" })) as { id: string };
  const [channel] = (await act(owner.token, "channel.list", { serverId: server.id })) as Array<{ id: string }>;
  return { token: owner.token, channelId: channel!.id };
}

/** `times` calls at once (so that they fall in one window however slow the machine), answers sorted by status. */
async function trpcStatuses(token: string, path: string, input: unknown, times: number) {
  const answers = await Promise.all(
    Array.from({ length: times }, async () => {
      const response = await trpcHttpCall(baseUrl, token, path, input);
      await response.arrayBuffer();
      return { status: response.status, retryAfter: response.headers.get("retry-after") };
    }),
  );
  return answers.sort((a, b) => a.status - b.status);
}

const allowed = (times: number) => Array.from({ length: times }, () => ({ status: 200, retryAfter: null }));
const limited = { status: 429, retryAfter: expect.stringMatching(/^[1-9]\d*$/) };

describe("429 with Retry-After over HTTP", () => {
  it("tRPC: the sixth message in 5 s into one channel", async () => {
    const { token, channelId } = await ownChannel();
    expect(await trpcStatuses(token, "message.send", { channelId, content: "hi" }, 6)).toEqual([...allowed(5), limited]);
  });

  it("tRPC: the eleventh typing signal in 10 s", async () => {
    const { token, channelId } = await ownChannel();
    expect(await trpcStatuses(token, "typing.start", { channelId }, 11)).toEqual([...allowed(10), limited]);
  });

  it("REST: the sixth message in 5 s, with the error body", async () => {
    const { token, channelId } = await ownChannel();
    const send = async () => {
      const response = await fetch(`${baseUrl}/api/v1/channels/${channelId}/messages`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ content: "hi" }),
      });
      const { code } = (await response.json()) as { code?: string };
      return { status: response.status, retryAfter: response.headers.get("retry-after"), code };
    };
    const answers = (await Promise.all(Array.from({ length: 6 }, send))).sort((a, b) => a.status - b.status);
    expect(answers.at(-1)).toEqual({ ...limited, code: "TOO_MANY_REQUESTS" });
    expect(answers.slice(0, 5).map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
  });

  it("tRPC: an account's eleventh login in a minute is blocked for a minute (the backoff's first step)", async () => {
    const email = `nobody_${runId}@example.com`;
    const answers = await trpcStatuses("", "auth.login", { email, password: "wrong password" }, 11);
    expect(answers.slice(0, 10).map((answer) => answer.status)).toEqual(Array(10).fill(401));
    expect(answers[10]!.status).toBe(429);
    expect(Number(answers[10]!.retryAfter)).toBeGreaterThan(50);
  });
});
