/**
 * Web Push (issue 19): subscriptions through the router on a real database, and delivery to a
 * local https push endpoint that decrypts what arrives with the subscription's own keys.
 */
import { Readable } from "node:stream";

import { pushSubscriptions } from "@chat/db";
import { Permission } from "@chat/policy/permission-flags";
import webpush from "web-push";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

import { type PushDelivery, type PushPayload, createPushDelivery } from "../src";
import { type Harness, type TestUser, createHarness, expectCode } from "./harness";
import { type Device, type PushEndpoint, createDevice, startPushEndpoint } from "./push-endpoint";

let h: Harness;
let endpoint: PushEndpoint;
let delivery: PushDelivery;
const warnings: Array<{ fields: object; message: string }> = [];
const vapid = { ...webpush.generateVAPIDKeys(), subject: "mailto:push-test@example.com" };

beforeAll(async () => {
  endpoint = await startPushEndpoint();
  h = await createHarness({
    push: (db) =>
      (delivery = createPushDelivery({ db, vapid, agent: endpoint.agent, log: { warn: (fields, message) => warnings.push({ fields, message }) } })),
  });
});
afterAll(async () => {
  await delivery.idle();
  await h.close();
  await endpoint.close();
});
beforeEach(() => {
  endpoint.received.length = 0;
  warnings.length = 0;
});

async function subscribed(user: TestUser): Promise<Device> {
  const device = createDevice(endpoint);
  await user.caller.push.subscribe({ endpoint: device.endpoint, keys: device.keys });
  return device;
}

/** What each device was sent once delivery has settled, decrypted with its keys. */
async function arrived(...devices: Device[]): Promise<PushPayload[][]> {
  await delivery.idle();
  return devices.map((device) =>
    endpoint.received.filter((request) => request.path === device.path).map((request) => JSON.parse(device.decrypt(request.body)) as PushPayload),
  );
}

async function friends(a: TestUser, b: TestUser) {
  await a.caller.friend.request({ username: b.username });
  await b.caller.friend.accept({ userId: a.id });
}

describe("push subscriptions", () => {
  it("gives the public key, takes https subscriptions only, and keeps one per device", async () => {
    const [ana, bo] = [await h.user("ana"), await h.user("bo")];
    expect(await ana.caller.push.publicKey()).toEqual({ publicKey: vapid.publicKey });
    const device = createDevice(endpoint);
    await expectCode(ana.caller.push.subscribe({ endpoint: device.endpoint.replace("https:", "http:"), keys: device.keys }), "BAD_REQUEST");
    await expectCode(ana.caller.push.subscribe({ endpoint: device.endpoint, keys: { ...device.keys, auth: "short" } }), "BAD_REQUEST");
    await expectCode((await h.caller()).push.subscribe({ endpoint: device.endpoint, keys: device.keys }), "UNAUTHORIZED");

    await ana.caller.push.subscribe({ endpoint: device.endpoint, keys: device.keys });
    // The same browser, now signed in as Bo: the device is his, with its new keys.
    const renewed = createDevice(endpoint);
    await bo.caller.push.subscribe({ endpoint: device.endpoint, keys: renewed.keys });
    const rows = await h.handle.db.select().from(pushSubscriptions);
    const row = rows.filter((r) => r.endpoint === device.endpoint);
    expect(row).toHaveLength(1);
    expect(row[0]).toMatchObject({ userId: BigInt(bo.id), p256dh: renewed.keys.p256dh, auth: renewed.keys.auth });

    // Ana cannot remove Bo's device; Bo can.
    await ana.caller.push.unsubscribe({ endpoint: device.endpoint });
    expect(await h.handle.db.$count(pushSubscriptions)).toBe(rows.length);
    expect(await bo.caller.push.unsubscribe({ endpoint: device.endpoint })).toEqual({ subscribed: false });
    expect(await h.handle.db.$count(pushSubscriptions)).toBe(rows.length - 1);
  });
});

describe("push delivery", () => {
  it("sends a DM to the other person's devices, signed with the server's key, and nothing to the author", async () => {
    const [ana, bo] = [await h.user("ana"), await h.user("bo")];
    await friends(ana, bo);
    const [anaDevice, boDevice] = [await subscribed(ana), await subscribed(bo)];
    const dm = await ana.caller.dm.open({ userId: bo.id });
    await ana.caller.message.send({ channelId: dm.id, content: "hello\n\nare you   there?" });

    expect(await arrived(anaDevice, boDevice)).toEqual([
      [],
      [{ title: ana.username, body: "hello are you there?", url: `/channels/me/${dm.id}`, tag: `channel-${dm.id}` }],
    ]);
    const request = endpoint.received.find((r) => r.path === boDevice.path)!;
    expect(request.headers["content-encoding"]).toBe("aes128gcm");
    expect(request.headers.authorization).toContain(`k=${vapid.publicKey}`);
    expect(Number(request.headers.ttl)).toBeGreaterThan(0);
  });

  it("tells a message of files alone by their names", async () => {
    const [ana, bo] = [await h.user("ana"), await h.user("bo")];
    await friends(ana, bo);
    const boDevice = await subscribed(bo);
    const dm = await ana.caller.dm.open({ userId: bo.id });
    const ids: string[] = [];
    for (const filename of ["plan.pdf", "map.pdf"]) {
      const { id } = await ana.caller.attachment.createUpload({ channelId: dm.id, filename, size: 5, contentType: "application/pdf" });
      await h.storage.write(`attachments/${dm.id}/${id}`, Readable.from([Buffer.from("%PDF-")]), { contentType: "application/pdf", maxBytes: 5 });
      ids.push(id);
    }
    await ana.caller.message.send({ channelId: dm.id, content: "", attachmentIds: ids });
    expect(await arrived(boDevice)).toEqual([[expect.objectContaining({ body: "plan.pdf, map.pdf" })]]);
  });

  it("sends a mention and a reply in a server to the one concerned, and plain messages to nobody", async () => {
    const { owner, member, server, general } = await h.community("Pushers");
    const [ownerDevice, memberDevice] = [await subscribed(owner), await subscribed(member)];
    const url = `/channels/${server.id}/${general.id}`;

    await owner.caller.message.send({ channelId: general.id, content: "nothing for anyone" });
    expect(await arrived(ownerDevice, memberDevice)).toEqual([[], []]);

    const long = `hey @${member.username} ${"x".repeat(300)}`;
    const mention = await owner.caller.message.send({ channelId: general.id, content: long });
    const [toOwner, [mentioned] = []] = await arrived(ownerDevice, memberDevice);
    expect(toOwner).toEqual([]);
    expect(mentioned).toMatchObject({ title: `${owner.username} mentioned you in #general`, url, tag: `channel-${general.id}` });
    expect([...mentioned!.body]).toHaveLength(120);
    expect(mentioned!.body.endsWith("…")).toBe(true);

    endpoint.received.length = 0;
    await member.caller.message.send({ channelId: general.id, content: "on it", replyToId: mention.id });
    expect(await arrived(ownerDevice, memberDevice)).toEqual([
      [{ title: `${member.username} replied in #general`, body: "on it", url, tag: `channel-${general.id}` }],
      [],
    ]);
  });

  it("sends nothing to a member who muted the server or the DM, nor to someone in do not disturb", async () => {
    const { owner, member, server, general } = await h.community("Quiet");
    const memberDevice = await subscribed(member);
    await member.caller.server.setMuted({ serverId: server.id, muted: true });
    await owner.caller.message.send({ channelId: general.id, content: `@${member.username} muted?` });
    expect(await arrived(memberDevice)).toEqual([[]]);

    await member.caller.server.setMuted({ serverId: server.id, muted: false });
    await member.caller.status.set({ presence: "dnd" });
    await owner.caller.message.send({ channelId: general.id, content: `@${member.username} busy?` });
    const dm = await owner.caller.dm.open({ userId: member.id });
    await owner.caller.message.send({ channelId: dm.id, content: "still busy?" });
    expect(await arrived(memberDevice)).toEqual([[]]);

    await member.caller.status.set({ presence: "online" });
    await owner.caller.message.send({ channelId: dm.id, content: "back?" });
    expect((await arrived(memberDevice))[0]!.map((payload) => payload.body)).toEqual(["back?"]);

    endpoint.received.length = 0;
    await member.caller.dm.setMuted({ channelId: dm.id, muted: true });
    await owner.caller.message.send({ channelId: dm.id, content: "muted DM?" });
    expect(await arrived(memberDevice)).toEqual([[]]);
  });

  it("follows each member's level: all messages, only mentions, or nothing, a channel's choice over its server's", async () => {
    const { owner, member, server, general } = await h.community("Levels");
    const news = await owner.caller.channel.create({ serverId: server.id, name: "news" });
    const [ownerDevice, memberDevice] = [await subscribed(owner), await subscribed(member)];
    const bodies = async () => (await arrived(memberDevice))[0]!.map((payload) => payload.title + ": " + payload.body);
    const say = (channelId: string, content: string) => owner.caller.message.send({ channelId, content });

    await member.caller.server.setNotify({ serverId: server.id, level: "all" });
    await say(general.id, "plain in general");
    await say(news.id, "plain in news");
    expect(await bodies()).toEqual([`${owner.username} in #general: plain in general`, `${owner.username} in #news: plain in news`]);

    // "nothing" for #news wins over the server's "all", even for a mention; "mentions" for #general too.
    endpoint.received.length = 0;
    await member.caller.channel.setNotify({ channelId: news.id, level: "nothing" });
    await member.caller.channel.setNotify({ channelId: general.id, level: "mentions" });
    await say(news.id, `@${member.username} in news`);
    await say(news.id, "@everyone in news");
    await say(general.id, "plain again");
    await say(general.id, `@${member.username} in general`);
    expect(await bodies()).toEqual([`${owner.username} mentioned you in #general: @${member.username} in general`]);

    // Back to the server's level, now "nothing"; then a channel's "all" over it.
    endpoint.received.length = 0;
    await member.caller.channel.setNotify({ channelId: news.id, level: "default" });
    await member.caller.channel.setNotify({ channelId: general.id, level: "default" });
    await member.caller.server.setNotify({ serverId: server.id, level: "nothing" });
    await say(general.id, `@${member.username} anyone?`);
    await say(news.id, "@everyone anyone?");
    expect(await bodies()).toEqual([]);
    await member.caller.channel.setNotify({ channelId: news.id, level: "all" });
    await say(news.id, "news for all");
    await say(general.id, "general for nobody");
    expect(await bodies()).toEqual([`${owner.username} in #news: news for all`]);

    // "all" still never reaches a muted server, someone in do not disturb, nor the author's own devices.
    endpoint.received.length = 0;
    await member.caller.server.setMuted({ serverId: server.id, muted: true });
    // Delivery reads who may be notified when it runs, so each state is held until it has settled.
    await say(news.id, "muted");
    await delivery.idle();
    await member.caller.server.setMuted({ serverId: server.id, muted: false });
    await member.caller.status.set({ presence: "dnd" });
    await say(news.id, "busy");
    await delivery.idle();
    await member.caller.status.set({ presence: "online" });
    await owner.caller.server.setNotify({ serverId: server.id, level: "all" });
    await say(news.id, "my own");
    expect(await arrived(ownerDevice, memberDevice)).toEqual([[], [expect.objectContaining({ body: "my own" })]]);
  });

  it("sends a plain message to a member who chose all only while they still see the channel, and never from someone they blocked", async () => {
    const { owner, member, general } = await h.community("All, but");
    const memberDevice = await subscribed(member);
    await member.caller.channel.setNotify({ channelId: general.id, level: "all" });
    await member.caller.block.add({ userId: owner.id });
    await owner.caller.message.send({ channelId: general.id, content: "blocked" });
    await member.caller.block.remove({ userId: owner.id });
    await owner.caller.overwrite.set({ channelId: general.id, targetType: "member", targetId: member.id, allow: "0", deny: String(Permission.VIEW_CHANNEL) });
    await owner.caller.message.send({ channelId: general.id, content: "hidden" });
    expect(await arrived(memberDevice)).toEqual([[]]);
  });

  it("removes a subscription whose push service answers 410 Gone, and keeps one that fails otherwise", async () => {
    const [ana, bo] = [await h.user("ana"), await h.user("bo")];
    await friends(ana, bo);
    const [gone, failing] = [await subscribed(bo), await subscribed(bo)];
    endpoint.answer.set(gone.path, 410);
    endpoint.answer.set(failing.path, 500);
    const dm = await ana.caller.dm.open({ userId: bo.id });
    await ana.caller.message.send({ channelId: dm.id, content: "anyone?" });
    await delivery.idle();

    const endpoints = (await h.handle.db.select().from(pushSubscriptions)).map((row) => row.endpoint);
    expect(endpoints).not.toContain(gone.endpoint);
    expect(endpoints).toContain(failing.endpoint);
    expect(warnings).toEqual([expect.objectContaining({ message: "push send failed", fields: expect.objectContaining({ status: 500 }) })]);
  });

  it("sends a group's message to its other people, named after the group, and @everyone to every member who sees the channel", async () => {
    const [ana, bo, cy] = [await h.user("ana"), await h.user("bo"), await h.user("cy")];
    await friends(ana, bo);
    await friends(ana, cy);
    const [anaDevice, boDevice, cyDevice] = [await subscribed(ana), await subscribed(bo), await subscribed(cy)];
    const group = await ana.caller.group.create({ userIds: [bo.id, cy.id], name: "Trip" });
    await delivery.idle();
    endpoint.received.length = 0;
    await ana.caller.message.send({ channelId: group.id, content: "tickets booked" });
    const expected = { title: `${ana.username} in Trip`, body: "tickets booked", url: `/channels/me/${group.id}`, tag: `channel-${group.id}` };
    expect(await arrived(anaDevice, boDevice, cyDevice)).toEqual([[], [expected], [expected]]);

    const { owner, member, server, general } = await h.community("Everyone");
    const [ownerDevice, memberDevice] = [await subscribed(owner), await subscribed(member)];
    await owner.caller.message.send({ channelId: general.id, content: "@everyone meeting at 5" });
    expect(await arrived(ownerDevice, memberDevice)).toEqual([
      [],
      [{ title: `${owner.username} mentioned you in #general`, body: "@everyone meeting at 5", url: `/channels/${server.id}/${general.id}`, tag: `channel-${general.id}` }],
    ]);
  });

  it("sends nothing from someone the recipient blocked", async () => {
    const { owner, member, general } = await h.community("Blocked");
    const ownerDevice = await subscribed(owner);
    await owner.caller.block.add({ userId: member.id });
    await member.caller.message.send({ channelId: general.id, content: `@${owner.username} hello?` });
    expect(await arrived(ownerDevice)).toEqual([[]]);
  });

  it("sends nothing about a channel the recipient can no longer see, even a reply to them", async () => {
    const { owner, member, general } = await h.community("Private");
    const memberDevice = await subscribed(member);
    const question = await member.caller.message.send({ channelId: general.id, content: "can I see this?" });
    await owner.caller.overwrite.set({ channelId: general.id, targetType: "member", targetId: member.id, allow: "0", deny: String(Permission.VIEW_CHANNEL) });
    await owner.caller.message.send({ channelId: general.id, content: "not any more", replyToId: question.id });
    expect(await arrived(memberDevice)).toEqual([[]]);
  });
});
