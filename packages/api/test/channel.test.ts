import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function serverOf(name: string) {
  const owner = await h.user(name);
  const server = await owner.caller.server.create({ name: "Channels" });
  return { owner, server };
}

describe("channels", () => {
  it("creates, lists in creation order, renames and deletes", async () => {
    const { owner, server } = await serverOf("owner");
    const random = await owner.caller.channel.create({ serverId: server.id, name: "Random", topic: "Anything goes" });
    expect(random).toMatchObject({ serverId: server.id, name: "random", topic: "Anything goes" });
    expect((await owner.caller.channel.list({ serverId: server.id })).map((c) => c.name)).toEqual(["general", "random"]);
    const renamed = await owner.caller.channel.update({ channelId: random.id, name: "off-topic" });
    expect(renamed).toMatchObject({ name: "off-topic", topic: "Anything goes" });
    expect((await owner.caller.channel.update({ channelId: random.id, topic: "" })).topic).toBe("");
    await owner.caller.channel.delete({ channelId: random.id });
    await expectCode(owner.caller.channel.get({ channelId: random.id }), "NOT_FOUND");
  });

  it("refuses a duplicate name in the same server with CONFLICT, allows it in another", async () => {
    const { owner, server } = await serverOf("owner");
    await expectCode(owner.caller.channel.create({ serverId: server.id, name: "General" }), "CONFLICT");
    const other = await owner.caller.channel.create({ serverId: server.id, name: "other" });
    await expectCode(owner.caller.channel.update({ channelId: other.id, name: "general" }), "CONFLICT");
    const second = await owner.caller.server.create({ name: "Second" });
    await owner.caller.channel.create({ serverId: second.id, name: "other" });
  });

  it.each([
    ["an empty name", { name: "" }],
    ["a name with spaces", { name: "two words" }],
    ["a 101-letter name", { name: "x".repeat(101) }],
    ["a 1025-letter topic", { name: "ok", topic: "t".repeat(1025) }],
  ])("refuses %s with BAD_REQUEST", async (_label, input) => {
    const { owner, server } = await serverOf("owner");
    await expectCode(owner.caller.channel.create({ serverId: server.id, ...input }), "BAD_REQUEST");
  });

  it("refuses an update that changes nothing", async () => {
    const { owner, server } = await serverOf("owner");
    const [general] = await owner.caller.channel.list({ serverId: server.id });
    await expectCode(owner.caller.channel.update({ channelId: general!.id }), "BAD_REQUEST");
  });
});
