/**
 * Slowmode: set by owners and admins (0 to 6 h, audited), a member's send within the wait refused
 * with RATE_LIMITED and the seconds left as Retry-After (nothing stored), owners and admins exempt,
 * and the caller's wait in channel.list for the composer's countdown.
 */
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { channelEvents, eq, messages } from "@chat/db";

import { retryAfterOf } from "../src";
import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function refusal(call: Promise<unknown>): Promise<TRPCError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof TRPCError)) throw new Error("expected a refusal");
  return error;
}

describe("slowmode", () => {
  it("is set by owners and admins from 0 to 21600 s, shown on the channel, and audited", async () => {
    const { owner, member, server, general } = await h.community("Slow");
    const set = await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 30 });
    expect(set.slowmodeSeconds).toBe(30);
    expect((await member.caller.channel.get({ channelId: general.id })).slowmodeSeconds).toBe(30);
    await expectCode(member.caller.channel.setSlowmode({ channelId: general.id, seconds: 0 }), "FORBIDDEN");
    await expectCode(owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 21601 }), "BAD_REQUEST");
    await expectCode(owner.caller.channel.setSlowmode({ channelId: general.id, seconds: -1 }), "BAD_REQUEST");
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 21600 });
    const audit = await owner.caller.audit.list({ serverId: server.id, action: "channel.slowmode" });
    expect(audit.items.map((entry) => entry.details)).toEqual([
      { from: 30, to: 21600 },
      { from: 0, to: 30 },
    ]);
  });

  it("refuses a member's send within the wait with RATE_LIMITED and the seconds left, storing nothing", async () => {
    const { owner, member, general } = await h.community("Slow");
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 60 });
    await member.caller.message.send({ channelId: general.id, content: "first" });
    const events = async () => (await h.handle.db.select().from(channelEvents).where(eq(channelEvents.channelId, BigInt(general.id)))).length;
    const before = { events: await events(), messages: (await h.handle.db.select().from(messages)).length };

    const error = await refusal(member.caller.message.send({ channelId: general.id, content: "too soon" }));
    expect(error.code).toBe("TOO_MANY_REQUESTS");
    expect(retryAfterOf(error)).toBeGreaterThanOrEqual(59);
    expect(retryAfterOf(error)).toBeLessThanOrEqual(60);
    expect(error.message).toMatch(/^Slowmode is on: you can send again in this channel in \d+ s$/);
    expect(await events()).toBe(before.events);
    expect((await h.handle.db.select().from(messages)).length).toBe(before.messages);

    const [listed] = await member.caller.channel.list({ serverId: general.serverId });
    expect(listed!.slowmodeEndsAt!.getTime()).toBeGreaterThan(Date.now() + 55_000);
  });

  it("lets a member send again once the wait is over, and only one of concurrent sends through", async () => {
    const { owner, member, general } = await h.community("Slow");
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 1 });
    const racing = await Promise.allSettled([1, 2, 3].map((n) => member.caller.message.send({ channelId: general.id, content: `race ${n}` })));
    expect(racing.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await member.caller.message.send({ channelId: general.id, content: "after the wait" });
    expect((await member.caller.channel.list({ serverId: general.serverId }))[0]!.slowmodeEndsAt).not.toBeNull();
  });

  it("exempts owners and admins, and shows them no wait", async () => {
    const { owner, member, server, general } = await h.community("Slow");
    await owner.caller.member.updateRole({ serverId: server.id, userId: member.id, role: "admin" });
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 600 });
    for (const who of [owner, member]) {
      await who.caller.message.send({ channelId: general.id, content: "one" });
      await who.caller.message.send({ channelId: general.id, content: "two" });
      expect((await who.caller.channel.list({ serverId: server.id }))[0]!.slowmodeEndsAt).toBeNull();
    }
  });

  it("stops at once when turned off", async () => {
    const { owner, member, general } = await h.community("Slow");
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 600 });
    await member.caller.message.send({ channelId: general.id, content: "one" });
    await owner.caller.channel.setSlowmode({ channelId: general.id, seconds: 0 });
    await member.caller.message.send({ channelId: general.id, content: "two" });
    expect((await member.caller.channel.list({ serverId: general.serverId }))[0]!.slowmodeEndsAt).toBeNull();
  });
});
