/**
 * What a WebSocket connection holds on its instance, and that it all goes when the connection
 * does: the session watch listens once per user (not per connection), and rounds of connections
 * that come and go, some closing before they are signed in, leave no listener and no one online.
 */
import { once } from "node:events";

import { describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { topics } from "../src/live/signals";
import { collector, eventually, useLiveInstance } from "./live-harness";

const app = useLiveInstance();

async function room(size: number) {
  const owner = await app.h.user("owner");
  const members = [owner];
  for (let i = 1; i < size; i++) members.push(await app.h.user(`member${i}`));
  const server = await owner.caller.server.create({ name: "Room" });
  for (const member of members.slice(1)) await member.caller.server.join({ inviteCode: server.inviteCode });
  const [channel] = await owner.caller.channel.list({ serverId: server.id });
  return { members, channelId: channel!.id };
}

/** A connection of `token` with a `message.onEvent` subscription, once it has its first item. */
async function subscribed(token: string, channelId: string) {
  const client = app.instance.client(token);
  const events = collector();
  client.api.message.onEvent.subscribe({ channelId }, events);
  await events.until(() => events.items.length === 1);
  return client;
}

describe("connections leave nothing behind", () => {
  it("listens once per user on their topic, however many connections they have", async () => {
    const { members, channelId } = await room(2);
    const [first, second] = members as [(typeof members)[number], (typeof members)[number]];
    const clients = await Promise.all([first.token, first.token, first.token, second.token].map((token) => subscribed(token, channelId)));
    const bus = app.h.realtime.bus;
    const listeners = () => [bus.listenerCount(topics.user(first.id)), bus.listenerCount(topics.user(second.id))];
    await expect.poll(listeners).toEqual([1, 1]);
    await Promise.all(clients.map((client) => client.close()));
    await expect.poll(listeners).toEqual([0, 0]);
  });

  it("after rounds of connections that subscribe and leave, some before they are signed in, no listener is left and nobody is online", async () => {
    const { members, channelId } = await room(3);
    const bus = app.h.realtime.bus;
    const idle = bus.listenerCount();
    const ids = members.map((member) => member.id);
    for (let round = 0; round < 5; round++) {
      const clients = await Promise.all(members.flatMap((member) => [subscribed(member.token, channelId), subscribed(member.token, channelId)]));
      // Closed as soon as open: the server is still reading their sessions, or its watch still subscribing.
      const early = members.map((member) => new WebSocket(app.instance.wsUrl, { headers: { authorization: `Bearer ${member.token}` } }));
      const earlyClosed = early.map((socket) => once(socket, "close"));
      await Promise.all(early.map((socket) => once(socket, "open").then(() => socket.close())));
      expect((await app.h.realtime.presence.online(ids)).size).toBe(ids.length);
      await Promise.all([...clients.map((client) => client.close()), ...earlyClosed]);
      await eventually(async () => bus.listenerCount() === idle && (await app.h.realtime.presence.online(ids)).size === 0);
    }
  });
});
