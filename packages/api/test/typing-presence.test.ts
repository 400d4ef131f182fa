/** typing.* and presence.onEvent over a real WebSocket with @trpc/client. */
import { once } from "node:events";

import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { SESSION_COOKIE, appRouter } from "../src";

import { collector, useLiveInstance } from "./live-harness";

type Typers = Array<{ userId: string; username: string }>;
type Presence =
  | { type: "snapshot"; statuses: Array<{ userId: string; status: string }> }
  | { type: "change"; userId: string; status: string };

const app = useLiveInstance();

async function room() {
  const owner = await app.h.user("owner");
  const typist = await app.h.user("typist");
  const server = await owner.caller.server.create({ name: "Room" });
  await typist.caller.server.join({ inviteCode: server.inviteCode });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, typist, server, channelId: channel!.id };
}

describe("typing", () => {
  it("lists the current typers first, adds a starter, and drops them once the entry expires", async () => {
    const { owner, typist, channelId } = await room();
    await typist.caller.typing.start({ channelId });
    const typing = collector<Typers>();
    app.instance.client(owner.token).api.typing.onEvent.subscribe({ channelId }, typing);
    await typing.until(() => typing.items.length === 1);
    expect(typing.items[0]).toEqual([{ userId: typist.id, username: typist.username }]);
    // No repeat of the start: the entry expires on its own (after 6 s).
    await typing.until(() => typing.items.length === 2);
    expect(typing.items[1]).toEqual([]);
  });

  it("clears a typer at once when their message arrives", async () => {
    const { owner, typist, channelId } = await room();
    const typing = collector<Typers>();
    app.instance.client(owner.token).api.typing.onEvent.subscribe({ channelId }, typing);
    await typing.until(() => typing.items.length === 1);
    expect(typing.items[0]).toEqual([]);
    await app.instance.client(typist.token).api.typing.start.mutate({ channelId });
    await typing.until(() => typing.items.length === 2);
    expect(typing.items[1]).toEqual([{ userId: typist.id, username: typist.username }]);
    await typist.caller.message.send({ channelId, content: "done typing" });
    await typing.until(() => typing.items.length === 3);
    expect(typing.items[2]).toEqual([]);
    expect(await app.h.realtime.typing.list(channelId)).toEqual([]);
  });
});

describe("presence", () => {
  it("snapshots the members, then reports a user online while a connection is open and offline after the last closes", async () => {
    const { owner, typist, server, channelId } = await room();
    const presence = collector<Presence>();
    app.instance.client(owner.token).api.presence.onEvent.subscribe({ serverId: server.id }, presence);
    await presence.until(() => presence.items.length === 1);
    const snapshot = presence.items[0]!;
    expect(snapshot.type === "snapshot" && snapshot.statuses).toEqual(
      expect.arrayContaining([
        { userId: owner.id, status: "online" },
        { userId: typist.id, status: "offline" },
      ]),
    );

    const first = app.instance.client(typist.token);
    const second = app.instance.client(typist.token);
    first.api.message.onEvent.subscribe({ channelId }, collector());
    second.api.message.onEvent.subscribe({ channelId }, collector());
    await presence.until(() => presence.items.length === 2);
    expect(presence.items[1]).toEqual({ type: "change", userId: typist.id, status: "online" });

    await first.close();
    // Still online through the second connection; offline once it closes too.
    await second.api.typing.start.mutate({ channelId });
    await second.close();
    await presence.until(() => presence.items.length === 3);
    expect(presence.items[2]).toEqual({ type: "change", userId: typist.id, status: "offline" });
  });

  it("turns a user offline when their connection dies silently (keepalive ping unanswered)", async () => {
    const { owner, typist, server } = await room();
    const presence = collector<Presence>();
    app.instance.client(owner.token).api.presence.onEvent.subscribe({ serverId: server.id }, presence);
    await presence.until(() => presence.items.length === 1);
    // A peer that opened a connection, then went silent: it never answers the server's PING.
    const silent = new WebSocket(app.instance.wsUrl, { headers: { cookie: `${SESSION_COOKIE}=${typist.token}` } });
    await once(silent, "open");
    await presence.until(() => presence.items.length === 2);
    expect(presence.items[1]).toEqual({ type: "change", userId: typist.id, status: "online" });
    await presence.until(() => presence.items.length === 3);
    expect(presence.items[2]).toEqual({ type: "change", userId: typist.id, status: "offline" });
    expect(silent.readyState).toBe(WebSocket.CLOSED);
  });
});

describe("deprecated names", () => {
  it("typing.onChange and presence.onChange are the onEvent procedures, for one more release", () => {
    const procedures = appRouter._def.procedures as Record<string, unknown>;
    expect(procedures["typing.onChange"]).toBe(procedures["typing.onEvent"]);
    expect(procedures["presence.onChange"]).toBe(procedures["presence.onEvent"]);
  });
});
