import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { createHarness, expectCode, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const community = await h.community("Searchable");
  const ops = await community.owner.caller.channel.create({ serverId: community.server.id, name: "ops" });
  return { ...community, ops };
}

const contents = (page: { items: Array<{ content: string }> }) => page.items.map((item) => item.content);

describe("message.search", () => {
  it("finds whole and partial words, every word required, newest first, across channels", async () => {
    const { owner, member, server, general, ops } = await room();
    await owner.caller.message.send({ channelId: general.id, content: "The deployment is on Friday" });
    await member.caller.message.send({ channelId: ops.id, content: "Deploying the database now" });
    await owner.caller.message.send({ channelId: general.id, content: "Lunch on friday?" });
    await owner.caller.message.send({ channelId: general.id, content: "Café ouvert à Zürich" });

    const search = (query: string, extra = {}) => member.caller.message.search({ serverId: server.id, query, ...extra });
    expect(contents(await search("friday"))).toEqual(["Lunch on friday?", "The deployment is on Friday"]);
    expect(contents(await search("deplo"))).toEqual(["Deploying the database now", "The deployment is on Friday"]);
    expect(contents(await search("deploy FRI"))).toEqual(["The deployment is on Friday"]);
    expect(contents(await search("zür"))).toEqual(["Café ouvert à Zürich"]);
    expect(contents(await search("nothing-like-this"))).toEqual([]);
    // Query syntax is not PostgreSQL's: operators are just separators.
    expect(contents(await search("friday & !lunch | (x:*"))).toEqual([]);
    expect(contents(await search("friday's"))).toEqual([]);

    const hit = (await search("database")).items[0]!;
    expect(hit).toMatchObject({ channelId: ops.id, channelName: "ops", author: { id: member.id, username: member.username } });
  });

  it("filters by author, channel and time, and pages by cursor", async () => {
    const { owner, member, server, general, ops } = await room();
    for (let i = 1; i <= 5; i++) await owner.caller.message.send({ channelId: general.id, content: `report ${i}` });
    await member.caller.message.send({ channelId: ops.id, content: "report from ops" });
    const search = (extra: object) => member.caller.message.search({ serverId: server.id, query: "report", ...extra });

    expect(contents(await search({ from: member.id }))).toEqual(["report from ops"]);
    expect(contents(await search({ channelId: ops.id }))).toEqual(["report from ops"]);
    expect(contents(await search({ after: new Date(Date.now() + 60_000) }))).toEqual([]);
    expect((await search({ before: new Date(Date.now() + 60_000) })).items).toHaveLength(6);

    const first = await search({ channelId: general.id, limit: 2 });
    expect(contents(first)).toEqual(["report 5", "report 4"]);
    const second = await search({ channelId: general.id, limit: 2, cursor: first.nextCursor! });
    expect(contents(second)).toEqual(["report 3", "report 2"]);
    const last = await search({ channelId: general.id, limit: 2, cursor: second.nextCursor! });
    expect(contents(last)).toEqual(["report 1"]);
    expect(last.nextCursor).toBeNull();
  });

  it("never returns another server's messages, whatever the filters say", async () => {
    const { owner, server } = await room();
    const outsider = await h.user("outsider");
    const elsewhere = await outsider.caller.server.create({ name: "Elsewhere" });
    const [theirs] = await outsider.caller.channel.list({ serverId: elsewhere.id });
    await outsider.caller.message.send({ channelId: theirs!.id, content: "secret plans" });
    await owner.caller.message.send({ channelId: (await owner.caller.channel.list({ serverId: server.id }))[0]!.id, content: "public plans" });

    expect(contents(await owner.caller.message.search({ serverId: server.id, query: "plans" }))).toEqual(["public plans"]);
    // Their channel under our server: nothing.
    expect(contents(await owner.caller.message.search({ serverId: server.id, query: "plans", channelId: theirs!.id }))).toEqual([]);
    // Their server: not found.
    await expectCode(owner.caller.message.search({ serverId: elsewhere.id, query: "plans" }), "NOT_FOUND");
  });

  it("refuses queries without a word", async () => {
    const { owner, server } = await room();
    await expectCode(owner.caller.message.search({ serverId: server.id, query: "  " }), "BAD_REQUEST");
    await expectCode(owner.caller.message.search({ serverId: server.id, query: "!!! ***" }), "BAD_REQUEST");
    await expectCode(owner.caller.message.search({ serverId: server.id, query: "x".repeat(201) }), "BAD_REQUEST");
  });
});
