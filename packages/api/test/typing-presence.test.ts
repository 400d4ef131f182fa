/** typing.* and presence.onChange over a real WebSocket with @trpc/client. */
import { once } from "node:events";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { SESSION_COOKIE } from "../src";

import { createHarness, type Harness } from "./harness";
import { collector, type Instance, startInstance } from "./live-harness";

type Typers = Array<{ userId: string; username: string }>;
type Presence =
  | { type: "snapshot"; statuses: Array<{ userId: string; status: string }> }
  | { type: "change"; userId: string; status: string };

let h: Harness;
let instance: Instance;
beforeAll(async () => {
  h = await createHarness();
  instance = await startInstance({ db: h.handle.db, realtime: h.realtime });
});
afterAll(async () => {
  await instance.close();
  await h.close();
});

async function room() {
  const owner = await h.user("owner");
  const typist = await h.user("typist");
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
    instance.client(owner.token).api.typing.onChange.subscribe({ channelId }, typing);
    await typing.until(() => typing.items.length === 1);
    expect(typing.items[0]).toEqual([{ userId: typist.id, username: typist.username }]);
    // No repeat of the start: the entry expires on its own (after 6 s).
    await typing.until(() => typing.items.length === 2);
    expect(typing.items[1]).toEqual([]);
  });

  it("clears a typer at once when their message arrives", async () => {
    const { owner, typist, channelId } = await room();
    const typing = collector<Typers>();
    instance.client(owner.token).api.typing.onChange.subscribe({ channelId }, typing);
    await typing.until(() => typing.items.length === 1);
    expect(typing.items[0]).toEqual([]);
    await instance.client(typist.token).api.typing.start.mutate({ channelId });
    await typing.until(() => typing.items.length === 2);
    expect(typing.items[1]).toEqual([{ userId: typist.id, username: typist.username }]);
    await typist.caller.message.send({ channelId, content: "done typing" });
    await typing.until(() => typing.items.length === 3);
    expect(typing.items[2]).toEqual([]);
    expect(await h.realtime.typing.list(channelId)).toEqual([]);
  });
});

describe("presence", () => {
  it("snapshots the members, then reports a user online while a connection is open and offline after the last closes", async () => {
    const { owner, typist, server, channelId } = await room();
    const presence = collector<Presence>();
    instance.client(owner.token).api.presence.onChange.subscribe({ serverId: server.id }, presence);
    await presence.until(() => presence.items.length === 1);
    const snapshot = presence.items[0]!;
    expect(snapshot.type === "snapshot" && snapshot.statuses).toEqual(
      expect.arrayContaining([
        { userId: owner.id, status: "online" },
        { userId: typist.id, status: "offline" },
      ]),
    );

    const first = instance.client(typist.token);
    const second = instance.client(typist.token);
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
    instance.client(owner.token).api.presence.onChange.subscribe({ serverId: server.id }, presence);
    await presence.until(() => presence.items.length === 1);
    // A peer that opened a connection, then went silent: it never answers the server's PING.
    const silent = new WebSocket(instance.wsUrl, { headers: { cookie: `${SESSION_COOKIE}=${typist.token}` } });
    await once(silent, "open");
    await presence.until(() => presence.items.length === 2);
    expect(presence.items[1]).toEqual({ type: "change", userId: typist.id, status: "online" });
    await presence.until(() => presence.items.length === 3);
    expect(presence.items[2]).toEqual({ type: "change", userId: typist.id, status: "offline" });
    expect(silent.readyState).toBe(WebSocket.CLOSED);
  });
});
