/**
 * The embedded mode: one process serving Next.js and the WebSocket at /api/ws on the same port.
 * A message sent through Next's route handler reaches a subscriber of the custom server's
 * WebSocket (one bus per process, shared across Next's bundle). (That other upgrades, the
 * development server's hot reload, still reach Next: dev-server.test.ts.)
 */
import type { ChannelEvent } from "@chat/api";
import { createChatClient } from "@chat/api/client";
import { describe, expect, inject, it } from "vitest";
import { WebSocket } from "ws";

import { upgradeStatus } from "./support/upgrade-status";

/** host:port of the app server that test/global-setup.ts started for the run. */
const base = new URL(inject("baseUrl")).host;

function client(token?: string) {
  return createChatClient({
    httpUrl: `http://${base}/api/trpc`,
    wsUrl: `ws://${base}/api/ws`,
    token: () => token,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
  });
}


describe("apps/web server", () => {
  it("serves /api/ws beside Next: a send through the route handler reaches the WebSocket subscriber", async () => {
    const username = `web${Date.now().toString(36)}`;
    const anonymous = client();
    const { token } = await anonymous.api.auth.signup.mutate({ username, email: `${username}@example.com`, password: "correct horse battery" });
    const me = client(token);
    const server = await me.api.server.create.mutate({ name: "Web" });
    const [channel] = await me.api.channel.list.query({ serverId: server.id });

    const received: Array<ChannelEvent | { type: "ready" }> = [];
    me.api.message.onEvent.subscribe({ channelId: channel!.id }, { onData: ({ data }) => received.push(data) });
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    await me.api.message.send.mutate({ channelId: channel!.id, content: "through Next's route handler" });
    await expect.poll(() => contentOf(received.at(-1))).toBe("through Next's route handler");
    await Promise.all([anonymous.close(), me.close()]);
  });

  it("refuses foreign origins on /api/ws", async () => {
    expect(await upgradeStatus(`ws://${base}/api/ws`, { origin: "https://evil.example" })).toBe(403);
  });
});

function contentOf(event: ChannelEvent | { type: "ready" } | undefined): string | undefined {
  return event?.type === "created" || event?.type === "updated" ? event.message.content : undefined;
}
