/**
 * Rate limits over real HTTP on the real app server: 429 with Retry-After from the tRPC endpoint
 * and from REST, for message sends (5 per 5 s per user and channel), typing and logins (with the
 * backoff's first block of a minute), a lock-out attempt that blocks only the attacker's address,
 * and the few "email already registered" answers an address gets. The limiter's own behaviour:
 * packages/api/test/rate-limit; the rules past the account-wide ceiling: packages/api/test/auth.
 */
import { describe, expect, inject, it } from "vitest";

import { fetchFromAnotherAddress, useOwnClientAddress } from "../support/client-address";
import { password, runId } from "../support/http";
import { httpAct, trpcHttpCall } from "../support/matrix";

useOwnClientAddress();
const baseUrl = inject("baseUrl");
const act = httpAct(baseUrl);

let owners = 0;
/** A fresh owner's server and its channel: one sign-up each, of the 20 an hour this file's address may make. */
async function ownChannel() {
  const username = `limits${++owners}_${runId}`;
  const { token } = (await act("", "auth.signup", { username, email: `${username}@example.com`, password })) as { token: string };
  const server = (await act(token, "server.create", { name: "Limits" })) as { id: string };
  const [channel] = (await act(token, "channel.list", { serverId: server.id })) as Array<{ id: string }>;
  return { token, channelId: channel!.id };
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

/** One account (this file's address may sign up 20 an hour). */
async function signUpOne(name: string) {
  const username = `${name}_${runId}`;
  await act("", "auth.signup", { username, email: `${username}@example.com`, password });
  return { username };
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

  it("tRPC: a lock-out attempt blocks the attacker's address only; the owner signs in from theirs", async () => {
    const { username } = await signUpOne("victim");
    const email = `${username}@example.com`;
    const answers = await trpcStatuses("", "auth.login", { email, password: "wrong password" }, 11);
    expect(answers.map((answer) => answer.status)).toEqual([...Array(10).fill(401), 429]);
    expect((await trpcStatuses("", "auth.login", { email, password }, 1))[0]!.status).toBe(429);
    const response = await fetchFromAnotherAddress()(`${baseUrl}/api/trpc/auth.login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { email, password } }),
    });
    expect(response.status).toBe(200);
  });

  it("REST: 409 for a registered email five times an hour per address, then 429 for every sign-up from it", async () => {
    const { username } = await signUpOne("known");
    const probe = fetchFromAnotherAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const email = i < 6 ? `${username}@example.com` : `free_${username}@example.com`;
      const response = await probe(`${baseUrl}/api/v1/auth/signup`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: `probe_${runId}_${i}`, email, password }),
      });
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([409, 409, 409, 409, 409, 429, 429]);
  });
});
