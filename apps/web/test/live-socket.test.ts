/**
 * The web app's live socket (src/trpc/socket-closes.ts, as src/trpc/links.ts wires it) against
 * the real server's deliberate closes: refused for too many connections, it says so and waits
 * before trying again instead of reconnecting at once; closed because its session ended, it sends
 * the person to sign in.
 */
import type { AppRouter } from "@chat/api";
import { TOO_MANY_CONNECTIONS_RETRY_MS } from "@chat/policy/close-codes";
import { parseEnv } from "@chat/env";
import { createTRPCClient, createWSClient, wsLink } from "@trpc/client";
import superjson from "superjson";
import { describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

import { closedForTooManyConnections, socketClosePolicy } from "~/trpc/socket-closes";

import { useOwnClientAddress } from "./support/client-address";
import { restClient, signUp } from "./support/http";

const baseUrl = inject("baseUrl");
const wsUrl = `${baseUrl.replace(/^http/, "ws")}/api/ws`;
const rest = restClient(baseUrl);
// Sockets and sign-ups of this file come from an address of its own: the server is shared.
const localAddress = useOwnClientAddress();

/** A WebSocket class that signs in with the session cookie on the upgrade, as the browser's does. */
function cookieSocket(token: string) {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { localAddress, headers: { cookie: `chat_session=${token}` } });
    }
  } as unknown as typeof globalThis.WebSocket;
}

/** The browser's live client for `token`, recording the delays it asks for and each time it is sent to sign in. */
function browserSocket(token: string) {
  const delays: number[] = [];
  let sentToSignIn = 0;
  const policy = socketClosePolicy(() => sentToSignIn++);
  const ws = createWSClient({
    url: wsUrl,
    WebSocket: cookieSocket(token),
    ...policy,
    retryDelayMs: (attempt) => {
      const delay = policy.retryDelayMs(attempt);
      delays.push(delay);
      return delay;
    },
  });
  const api = createTRPCClient<AppRouter>({ links: [wsLink({ client: ws, transformer: superjson })] });
  const subscribe = () => api.user.onEvent.subscribe(undefined, {});
  return { ws, subscribe, delays, sentToSignIn: () => sentToSignIn };
}

describe("the web app's live socket", () => {
  it("says why when refused for too many connections, and waits before it tries again", async () => {
    const user = await signUp(rest, "tabs");
    const { WS_MAX_CONNECTIONS_PER_USER: perUser } = parseEnv({});
    const Socket = cookieSocket(user.token);
    const tabs = Array.from({ length: perUser }, () => new Socket(wsUrl));
    await Promise.all(tabs.map((tab) => new Promise((resolve) => tab.addEventListener("open", resolve))));
    // Counted once their contexts exist, which "open" does not wait for: a call's answer does.
    await Promise.all(
      tabs.map((tab) => {
        const answered = new Promise((resolve) => tab.addEventListener("message", resolve, { once: true }));
        tab.send(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me", input: { json: null } } }));
        return answered;
      }),
    );

    const crowded = browserSocket(user.token);
    crowded.subscribe();
    await expect.poll(() => closedForTooManyConnections(crowded.ws.connectionState.get().error), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => crowded.delays.length).toBeGreaterThan(0);
    expect(crowded.delays).toEqual([TOO_MANY_CONNECTIONS_RETRY_MS]);
    await crowded.ws.close();
    for (const tab of tabs) tab.close();
  });

  it("sends the person to sign in when the server closes the socket because the session ended", async () => {
    const user = await signUp(rest, "leaving");
    const live = browserSocket(user.token);
    live.subscribe();
    await expect.poll(() => live.ws.connectionState.get().state, { timeout: 10_000 }).toBe("pending");
    expect((await rest("POST", "/auth/logout", { token: user.token })).status).toBe(200);
    await expect.poll(live.sentToSignIn, { timeout: 10_000 }).toBe(1);
    await live.ws.close();
  });
});
