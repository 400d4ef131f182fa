/**
 * Moderation and account security over a real WebSocket with @trpc/client: kicked and banned
 * users' subscriptions end and say why, revoked and expired sessions lose their connections, and
 * custom statuses reach member lists live.
 */
import { once } from "node:events";

import { afterAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { eq, sessions, sql } from "@chat/db";
import { REVOKED_CLOSE_CODE } from "@chat/policy/close-codes";

import type { AccountEvent, PresenceUpdate, UserEvent } from "../src";
import { collector, useLiveInstance } from "./live-harness";

const app = useLiveInstance();
const removalMs: number[] = [];
afterAll(() => {
  if (removalMs.length > 0) console.log(`kick/ban → every subscription ended: ${removalMs.map((ms) => `${ms} ms`).join(", ")}`);
});

async function room() {
  const owner = await app.h.user("owner");
  const admin = await app.h.user("admin");
  const member = await app.h.user("member");
  const server = await owner.caller.server.create({ name: "Room" });
  for (const user of [admin, member]) await user.caller.server.join({ inviteCode: server.inviteCode });
  await owner.caller.member.updateRole({ serverId: server.id, userId: admin.id, role: "admin" });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  return { owner, admin, member, server, serverId: server.id, channelId: channel!.id };
}

/**
 * The member's live view of the room: messages, typing, presence, their own events, and the
 * deprecated account stream (an alias of user.onEvent's removals until it goes).
 */
async function watch(token: string, serverId: string, channelId: string) {
  const client = app.instance.client(token);
  const streams = { events: collector(), typing: collector(), presence: collector<PresenceUpdate>() };
  const account = collector<AccountEvent>();
  const user = collector<UserEvent>();
  client.api.message.onEvent.subscribe({ channelId }, streams.events);
  client.api.typing.onEvent.subscribe({ channelId }, streams.typing);
  client.api.presence.onEvent.subscribe({ serverId }, streams.presence);
  client.api.account.onEvent.subscribe(undefined, account);
  client.api.user.onEvent.subscribe(undefined, user);
  await Promise.all([...Object.values(streams), user].map((stream) => stream.until(() => stream.items.length === 1)));
  return { streams: Object.values(streams), account, user };
}

describe("kicked and banned users are put out live", () => {
  for (const how of ["kicked", "banned"] as const) {
    it(`ends a ${how} member's subscriptions on that server, saying so, and tells their own stream`, async () => {
      const r = await room();
      const { streams, account, user } = await watch(r.member.token, r.serverId, r.channelId);
      const bystander = collector<PresenceUpdate>();
      app.instance.client(r.owner.token).api.presence.onEvent.subscribe({ serverId: r.serverId }, bystander);
      await bystander.until(() => bystander.items.length === 1);

      const started = Date.now();
      if (how === "kicked") await r.admin.caller.member.remove({ serverId: r.serverId, userId: r.member.id });
      else await r.admin.caller.member.ban({ serverId: r.serverId, userId: r.member.id, reason: "spam links" });
      await Promise.all(streams.map((stream) => stream.until(() => stream.ended)));
      removalMs.push(Date.now() - started);

      for (const stream of streams) {
        expect(stream.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" }, message: `You were ${how} from this server` });
      }
      await account.until(() => account.items.length === 1);
      expect(account.items[0]).toEqual({
        type: "removed",
        serverId: r.serverId,
        serverName: "Room",
        reason: how,
        banReason: how === "banned" ? "spam links" : null,
      });
      expect(account.ended).toBe(false); // the account stream outlives the server
      await user.until(() => user.items.some((event) => event.type === "membership"));
      expect(user.items.filter((event) => event.type === "membership")).toEqual([
        { type: "membership", action: how, serverId: r.serverId, serverName: "Room", banReason: how === "banned" ? "spam links" : null },
      ]);
      expect(user.ended).toBe(false);
      expect(bystander.ended).toBe(false);
    });
  }

  it("a banned user cannot come back live either: the rejoin is refused", async () => {
    const r = await room();
    await r.owner.caller.member.ban({ serverId: r.serverId, userId: r.member.id });
    const client = app.instance.client(r.member.token);
    await expect(client.api.server.join.mutate({ inviteCode: r.server.inviteCode })).rejects.toMatchObject({
      data: { code: "FORBIDDEN" },
      message: "You are banned from this server",
    });
  });
});

describe("revoked and expired sessions lose their connections", () => {
  it("closes the revoked session's socket with 4401; other sessions' sockets stay", async () => {
    const r = await room();
    const open = async (token: string) => {
      const socket = new WebSocket(app.instance.wsUrl, { headers: { authorization: `Bearer ${token}` } });
      await once(socket, "open");
      return { socket, closed: once(socket, "close").then(([code]) => code as number) };
    };
    const first = await open(r.member.token);
    const second = await app.h.caller().then((c) => c.auth.login({ email: `${r.member.username}@example.com`, password: "correct horse battery" }));
    if (!("token" in second)) throw new Error("expected a session");
    const kept = await open(second.token);
    const secondCaller = await app.h.caller({ authorization: `Bearer ${second.token}` });
    await secondCaller.session.revokeOthers();
    expect(await first.closed).toBe(REVOKED_CLOSE_CODE);
    expect(kept.socket.readyState).toBe(WebSocket.OPEN);
    kept.socket.close();
  });

  it("closes a socket with 4401 when its session expires", async () => {
    const user = await app.h.user("expiring");
    // A session about to end: long enough to open the socket and be signed in on it.
    await app.h.handle.db
      .update(sessions)
      .set({ expiresAt: sql`now() + interval '3 seconds'` })
      .where(eq(sessions.userId, BigInt(user.id)));
    const socket = new WebSocket(app.instance.wsUrl, { headers: { authorization: `Bearer ${user.token}` } });
    const frames: string[] = [];
    socket.on("message", (data) => frames.push(String(data)));
    const closed = once(socket, "close").then(([code, reason]) => ({ code: code as number, reason: String(reason) }));
    await once(socket, "open");
    socket.send(JSON.stringify({ id: 1, method: "query", params: { path: "auth.me", input: { json: null } } }));
    await expect.poll(() => frames.some((frame) => frame.includes(user.username))).toBe(true);
    expect(await closed).toEqual({ code: REVOKED_CLOSE_CODE, reason: "Session expired" });
  });

  it("ends a revoked client's subscriptions with UNAUTHORIZED once it reconnects, and logout does the same", async () => {
    const r = await room();
    const presence = collector<PresenceUpdate>();
    app.instance.client(r.member.token).api.presence.onEvent.subscribe({ serverId: r.serverId }, presence);
    await presence.until(() => presence.items.length === 1);
    await r.member.caller.auth.logout();
    await presence.until(() => presence.ended);
    expect(presence.errors[0]).toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });
});

describe("custom status", () => {
  it("reaches member lists live: presence, custom text and emoji; invisible shows as offline", async () => {
    const r = await room();
    const watcher = collector<PresenceUpdate>();
    app.instance.client(r.owner.token).api.presence.onEvent.subscribe({ serverId: r.serverId }, watcher);
    await watcher.until(() => watcher.items.length === 1);
    const memberClient = app.instance.client(r.member.token);
    const own = collector();
    memberClient.api.account.onEvent.subscribe(undefined, own); // keeps the member connected
    await watcher.until(() => watcher.items.some((u) => u.type === "change" && u.userId === r.member.id && u.status === "online"));

    await r.member.caller.status.set({ presence: "dnd", custom: { text: "In a meeting", emoji: "📅" } });
    await watcher.until(() => watcher.items.some((u) => u.type === "change" && u.status === "dnd"));
    expect(watcher.items.at(-1)).toEqual({
      type: "change",
      userId: r.member.id,
      status: "dnd",
      custom: { text: "In a meeting", emoji: "📅", expiresAt: null },
    });

    await r.member.caller.status.set({ presence: "invisible" });
    await watcher.until(() => watcher.items.at(-1)?.type === "change" && (watcher.items.at(-1) as { status: string }).status === "offline");
    expect(watcher.items.at(-1)).toEqual({ type: "change", userId: r.member.id, status: "offline" });
    expect(await r.member.caller.status.get()).toEqual({
      presence: "invisible",
      custom: { text: "In a meeting", emoji: "📅", expiresAt: null },
    });

    // A new subscriber's snapshot shows the same.
    const late = collector<PresenceUpdate>();
    app.instance.client(r.admin.token).api.presence.onEvent.subscribe({ serverId: r.serverId }, late);
    await late.until(() => late.items.length === 1);
    const snapshot = late.items[0]!;
    expect(snapshot.type === "snapshot" && snapshot.statuses.find((s) => s.userId === r.member.id)).toEqual({ userId: r.member.id, status: "offline" });
  });

  it("drops a custom status live when it lapses", async () => {
    const r = await room();
    const watcher = collector<PresenceUpdate>();
    app.instance.client(r.owner.token).api.presence.onEvent.subscribe({ serverId: r.serverId }, watcher);
    await watcher.until(() => watcher.items.length === 1);
    await r.owner.caller.status.set({ custom: { text: "Back soon", expiresInSeconds: 1 } });
    await watcher.until(() => watcher.items.some((u) => u.type === "change" && u.custom?.text === "Back soon"));
    await watcher.until(() => {
      const last = watcher.items.at(-1);
      return last?.type === "change" && last.userId === r.owner.id && last.custom === undefined;
    });
    expect(watcher.items.at(-1)).toEqual({ type: "change", userId: r.owner.id, status: "online" });
    expect((await r.owner.caller.status.get()).custom).toBeNull();
  });

  it("refuses what is not one emoji, and an empty status", async () => {
    const r = await room();
    for (const emoji of ["ab", "📅📅", ":)"]) {
      await expect(r.owner.caller.status.set({ custom: { text: "x", emoji } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    }
    await expect(r.owner.caller.status.set({ custom: { text: "" } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(r.owner.caller.status.set({})).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect(await r.owner.caller.status.set({ custom: { text: "", emoji: "👍🏽" } })).toMatchObject({ custom: { emoji: "👍🏽" } });
  });
});
