/**
 * Losing sight of a channel live, over a real WebSocket with @trpc/client: an overwrite added or
 * a role removed ends the member's subscriptions of the channel within a second (NOT_FOUND, as if
 * it never existed), and their `user.onEvent` drops the channel and hears nothing more of it.
 */
import { Permission } from "@chat/policy/permission-flags";
import { afterAll, describe, expect, it } from "vitest";

import type { UserEvent } from "../src";
import { collector, useLiveInstance } from "./live-harness";

const app = useLiveInstance();
const lossMs: number[] = [];
afterAll(() => {
  if (lossMs.length > 0) console.log(`access lost → every subscription ended: ${lossMs.map((ms) => `${ms} ms`).join(", ")}`);
});

const view = String(Permission.VIEW_CHANNEL);

async function room() {
  const owner = await app.h.user("owner");
  const member = await app.h.user("member");
  const server = await owner.caller.server.create({ name: "Room" });
  await member.caller.server.join({ inviteCode: server.inviteCode });
  const channel = await owner.caller.channel.create({ serverId: server.id, name: "plans" });
  return { owner, member, serverId: server.id, channelId: channel.id };
}

/** The member's live view of the channel: its messages and typing, and their own events. */
async function watch(token: string, channelId: string) {
  const client = app.instance.client(token);
  const streams = [collector(), collector()];
  const user = collector<UserEvent>();
  client.api.message.onEvent.subscribe({ channelId }, streams[0]!);
  client.api.typing.onEvent.subscribe({ channelId }, streams[1]!);
  client.api.user.onEvent.subscribe(undefined, user);
  await Promise.all([...streams, user].map((stream) => stream.until(() => stream.items.length === 1)));
  return { streams, user };
}

describe("losing sight of a channel ends its live subscriptions", () => {
  type Room = Awaited<ReturnType<typeof room>>;
  const denyEveryone = (r: Room) =>
    r.owner.caller.overwrite.set({ channelId: r.channelId, targetType: "role", targetId: r.serverId, allow: "0", deny: view });
  /** How each case sets up the member's sight of the channel, and then takes it away. */
  const ways: Record<string, (r: Room) => Promise<() => Promise<unknown>>> = {
    "an overwrite denying @everyone": async (r) => () => denyEveryone(r),
    "the role that let them see it removed": async (r) => {
      await denyEveryone(r);
      const role = await r.owner.caller.role.create({ serverId: r.serverId, name: "Planners" });
      await r.owner.caller.overwrite.set({ channelId: r.channelId, targetType: "role", targetId: role.id, allow: view, deny: "0" });
      await r.owner.caller.member.addRole({ serverId: r.serverId, userId: r.member.id, roleId: role.id });
      return () => r.owner.caller.member.removeRole({ serverId: r.serverId, userId: r.member.id, roleId: role.id });
    },
  };
  for (const [how, setUp] of Object.entries(ways)) {
    it(`within a second: ${how}`, async () => {
      const r = await room();
      const lose = await setUp(r);
      const { streams, user } = await watch(r.member.token, r.channelId);
      const started = Date.now();
      await lose();
      await Promise.all(streams.map((stream) => stream.until(() => stream.ended)));
      const ms = Date.now() - started;
      lossMs.push(ms);
      expect(ms).toBeLessThan(1000);
      for (const stream of streams) expect(stream.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });

      await user.until(() => user.items.some((event) => event.type === "channel"));
      expect(user.items.filter((event) => event.type === "channel")).toEqual([
        { type: "channel", action: "deleted", serverId: r.serverId, channel: { id: r.channelId } },
      ]);
      // A message there, then one in #general: only the second reaches them.
      await r.owner.caller.message.send({ channelId: r.channelId, content: `@${r.member.username} secret` });
      const [general] = await r.owner.caller.channel.list({ serverId: r.serverId });
      await r.owner.caller.message.send({ channelId: general!.id, content: "hello" });
      await user.until(() => user.items.some((event) => event.type === "message"));
      expect(user.items.filter((event) => event.type === "message").map((event) => "channelId" in event && event.channelId)).toEqual([general!.id]);
      expect(user.ended).toBe(false);
    });
  }

  it("gaining sight of a channel tells user.onEvent, with the channel", async () => {
    const r = await room();
    await denyEveryone(r);
    const { user } = await watch(r.member.token, (await r.owner.caller.channel.list({ serverId: r.serverId }))[0]!.id);
    await r.owner.caller.overwrite.set({ channelId: r.channelId, targetType: "member", targetId: r.member.id, allow: view, deny: "0" });
    await user.until(() => user.items.some((event) => event.type === "channel"));
    expect(user.items.find((event) => event.type === "channel")).toMatchObject({ action: "created", channel: { id: r.channelId, name: "plans", private: true } });
  });

  it("those who still see it hear that it became private, and public again (the sidebar's lock)", async () => {
    const r = await room();
    const { user } = await watch(r.owner.token, r.channelId);
    await denyEveryone(r);
    await user.until(() => user.items.some((event) => event.type === "channel"));
    await r.owner.caller.overwrite.delete({ channelId: r.channelId, targetType: "role", targetId: r.serverId });
    await user.until(() => user.items.filter((event) => event.type === "channel").length === 2);
    expect(user.items.filter((event) => event.type === "channel")).toMatchObject([
      { action: "updated", channel: { id: r.channelId, private: true } },
      { action: "updated", channel: { id: r.channelId, private: false } },
    ]);
  });

  it("an overwrite that changes no lock is announced too: those who still see the channel learn who else does", async () => {
    const r = await room();
    const { user } = await watch(r.owner.token, r.channelId);
    await r.owner.caller.overwrite.set({ channelId: r.channelId, targetType: "member", targetId: r.member.id, allow: "0", deny: view });
    await user.until(() => user.items.some((event) => event.type === "channel"));
    expect(user.items.filter((event) => event.type === "channel")).toMatchObject([{ action: "updated", channel: { id: r.channelId, private: false } }]);
    expect((await r.owner.caller.member.list({ serverId: r.serverId, channelId: r.channelId })).map((member) => member.userId)).not.toContain(r.member.id);
  });

  it("a category's overwrite announces its synced channels, and only those", async () => {
    const r = await room();
    const category = await r.owner.caller.category.create({ serverId: r.serverId, name: "Back room" });
    const synced = await r.owner.caller.channel.create({ serverId: r.serverId, name: "synced", categoryId: category.id });
    const own = await r.owner.caller.channel.create({ serverId: r.serverId, name: "own", categoryId: category.id });
    await r.owner.caller.overwrite.set({ channelId: own.id, targetType: "member", targetId: r.member.id, allow: view, deny: "0" });
    const { user } = await watch(r.owner.token, r.channelId);
    await r.owner.caller.overwrite.setCategory({ serverId: r.serverId, categoryId: category.id, targetType: "role", targetId: r.serverId, allow: "0", deny: view });
    await user.until(() => user.items.some((event) => event.type === "channel"));
    // A later change reaches the stream after any announcement of the first.
    await r.owner.caller.channel.update({ channelId: r.channelId, name: "plans", topic: "marker" });
    await user.until(() => user.items.filter((event) => event.type === "channel").length === 2);
    expect(user.items.filter((event) => event.type === "channel")).toMatchObject([
      { action: "updated", channel: { id: synced.id, private: true } },
      { action: "updated", channel: { id: r.channelId, topic: "marker" } },
    ]);
  });
});
