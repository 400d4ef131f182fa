/**
 * Who may see a live event is decided from each server's state, shared in the process by every
 * subscription of the server (message.onEvent, typing.onEvent, user.onEvent, presence.onEvent), over real
 * WebSockets: a delivery reads no database, and a change of who sees what reads the state once,
 * not once per subscription. Counted in statements.
 */
import { Permission } from "@chat/policy/permission-flags";
import { describe, expect, it } from "vitest";

import type { UserEvent } from "../src";
import type { TestUser } from "./harness";
import { collector, useLiveInstance } from "./live-harness";
import { countStatements } from "./statements";

const app = useLiveInstance();
const view = String(Permission.VIEW_CHANNEL);
const MEMBERS = 8;
/** What reading a server's state takes (live/server-state.ts, `loadServerStates`). */
const STATE_READ = 6;

async function community() {
  const owner = await app.h.user("owner");
  const server = await owner.caller.server.create({ name: "Crowd" });
  const members: TestUser[] = [];
  for (let i = 0; i < MEMBERS; i += 1) {
    const member = await app.h.user("member");
    await member.caller.server.join({ inviteCode: server.inviteCode });
    members.push(member);
  }
  const [general] = await owner.caller.channel.list({ serverId: server.id });
  const plans = await owner.caller.channel.create({ serverId: server.id, name: "plans" });
  await owner.caller.overwrite.set({ channelId: plans.id, targetType: "role", targetId: server.id, allow: "0", deny: view });
  return { owner, members, serverId: server.id, general: general!, plans };
}

/** Each member's live view of #general: its messages, its typing, their own events and the server's presence. */
async function subscribeAll(members: TestUser[], serverId: string, channelId: string) {
  const views = members.map((member) => {
    const { api } = app.instance.client(member.token);
    const messages = collector<unknown>();
    const typing = collector<unknown>();
    const user = collector<UserEvent>();
    const presence = collector<unknown>();
    api.message.onEvent.subscribe({ channelId }, messages);
    api.typing.onEvent.subscribe({ channelId }, typing);
    api.user.onEvent.subscribe(undefined, user);
    api.presence.onEvent.subscribe({ serverId }, presence);
    return { messages, typing, user, presence };
  });
  for (const { messages, typing, user, presence } of views) {
    await Promise.all([messages, typing, user, presence].map((stream) => stream.until(() => stream.items.length >= 1)));
  }
  return views;
}

describe("live visibility from each server's shared state", () => {
  it("delivers messages, typing and activity without a statement per delivery", async () => {
    const c = await community();
    const work = async () => {
      await c.owner.caller.typing.start({ channelId: c.general.id });
      await c.owner.caller.message.send({ channelId: c.general.id, content: "to all" });
      await c.owner.caller.message.send({ channelId: c.plans.id, content: "to the few" });
      await c.owner.caller.message.send({ channelId: c.general.id, content: "to all again" });
    };
    // The same work with no one listening, then with every member listening three ways.
    const quiet = countStatements(app.h.handle);
    await work();
    quiet.stop();
    const views = await subscribeAll(c.members, c.serverId, c.general.id);
    const heard = countStatements(app.h.handle);
    await work();
    for (const { messages, typing, user } of views) {
      await messages.until(() => messages.items.length >= 3); // ready, two messages
      await typing.until(() => typing.items.length >= 3); // none, the owner, none (their message stopped it)
      await user.until(() => user.items.filter((event) => event.type === "message").length >= 2);
    }
    heard.stop();
    expect(heard.count).toBe(quiet.count);
    // And #plans told them nothing.
    for (const { user } of views) expect(user.items.filter((event) => event.type === "message" && event.channelId === c.plans.id)).toEqual([]);
  });

  it("reads the server's state once for a change of who sees what, however many subscribe, and still ends lost access within a second", async () => {
    const c = await community();
    const role = await c.owner.caller.role.create({ serverId: c.serverId, name: "Planners" });
    const grant = () => c.owner.caller.overwrite.set({ channelId: c.plans.id, targetType: "role", targetId: role.id, allow: view, deny: "0" });
    const revoke = () => c.owner.caller.overwrite.delete({ channelId: c.plans.id, targetType: "role", targetId: role.id });
    // The change alone, with nobody listening.
    const quiet = countStatements(app.h.handle);
    await grant();
    await revoke();
    quiet.stop();

    for (const member of c.members) await c.owner.caller.member.addRole({ serverId: c.serverId, userId: member.id, roleId: role.id });
    const views = await subscribeAll(c.members, c.serverId, c.general.id);
    const heard = countStatements(app.h.handle);
    await grant();
    for (const { user } of views) await user.until(() => user.items.some((event) => event.type === "channel" && event.action === "updated"));
    await revoke();
    for (const { user } of views) await user.until(() => user.items.some((event) => event.type === "channel" && event.action === "deleted"));
    heard.stop();
    // Two changes; each read the state once or twice (its signals on the server's topic and its
    // activity topic may come apart), where a read per subscription would be 4 × MEMBERS each.
    expect(heard.count - quiet.count).toBeLessThanOrEqual(2 * 2 * STATE_READ);
    for (const { user } of views) {
      // Created as they gain sight, then updated as everyone who sees it hears of a change of its overwrites.
      expect(user.items.filter((event) => event.type === "channel")).toMatchObject([
        { action: "created", channel: { id: c.plans.id, private: true } },
        { action: "updated", channel: { id: c.plans.id, private: true } },
        { action: "deleted", channel: { id: c.plans.id } },
      ]);
    }

    // Losing sight still ends the channel's streams within a second, from the shared state.
    await grant();
    const planViews = c.members.slice(0, 3).map((member) => {
      const stream = collector<unknown>();
      app.instance.client(member.token).api.message.onEvent.subscribe({ channelId: c.plans.id }, stream);
      return stream;
    });
    await Promise.all(planViews.map((stream) => stream.until(() => stream.items.length >= 1)));
    const started = Date.now();
    await revoke();
    await Promise.all(planViews.map((stream) => stream.until(() => stream.ended)));
    expect(Date.now() - started).toBeLessThan(1000);
    for (const stream of planViews) expect(stream.errors[0]).toMatchObject({ data: { code: "NOT_FOUND" } });
  });
});
