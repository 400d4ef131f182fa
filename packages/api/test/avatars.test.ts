/** Avatars and server icons in the API (issue 18): stored in four sizes under a version, announced to members, removed with their files. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { DomainError } from "@chat/policy/errors";
import { createDiskStorage } from "@chat/storage";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { removeAvatar, setAvatar, setServerIcon, squareImageKey } from "../src";
import { silentLog } from "../src/core/log";
import { topics } from "../src/live/signals";
import { type Harness, createHarness, expectCode } from "./harness";

const root = mkdtempSync(path.join(tmpdir(), "chat-avatars-"));
const storage = createDiskStorage(root);
let h: Harness;

beforeAll(async () => {
  h = await createHarness({ storage });
});

afterAll(async () => {
  await h.close();
  rmSync(root, { recursive: true, force: true });
});

const picture = () => sharp({ create: { width: 120, height: 80, channels: 3, background: "#118844" } }).png().toBuffer();
const contextOf = (userId: string) => ({ db: h.handle.db, storage, log: silentLog, realtime: h.realtime, user: { id: BigInt(userId) } });
const sizes = [32, 64, 128, 256];

/** What the server's members hear on its activity topic, until `stop`. */
async function listen(serverId: string) {
  const heard: Array<{ activity: { type: string; member?: { userId: string; avatarUrl: string | null }; iconUrl?: string | null } }> = [];
  const stop = await h.realtime.bus.subscribe(topics.activity(serverId), (payload) => void heard.push(payload as (typeof heard)[number]));
  return { heard, stop };
}

describe("avatars", () => {
  it("stores four sizes under a new version, tells each server's members, and deletes a replaced or removed version", async () => {
    const { owner, member, server } = await h.community("Faces");
    const live = await listen(server.id);
    const { avatarUrl } = await setAvatar(contextOf(member.id), await picture());
    const version = avatarUrl.split("/")[4]!;
    expect(avatarUrl).toBe(`/api/avatars/${member.id}/${version}/128`);
    for (const size of sizes) expect(await storage.stat(squareImageKey("avatars", member.id, version, size))).not.toBeNull();
    await expect.poll(() => live.heard.map(({ activity }) => activity.member)).toContainEqual(expect.objectContaining({ userId: member.id, avatarUrl }));
    const members = await owner.caller.member.list({ serverId: server.id });
    expect(members.find((row) => row.userId === member.id)?.avatarUrl).toBe(avatarUrl);

    const replaced = await setAvatar(contextOf(member.id), await picture());
    expect(replaced.avatarUrl).not.toBe(avatarUrl);
    for (const size of sizes) expect(await storage.stat(squareImageKey("avatars", member.id, version, size))).toBeNull();

    expect(await member.caller.user.removeAvatar()).toEqual({ ok: true });
    expect((await member.caller.auth.me()).avatarUrl).toBeNull();
    await expect.poll(() => live.heard.at(-1)?.activity.member).toMatchObject({ userId: member.id, avatarUrl: null });
    live.stop();
    await removeAvatar(contextOf(member.id)); // none left: nothing to delete, no error
  });

  it("refuses what is not an image with a typed error, storing nothing", async () => {
    const { member } = await h.community("Junk");
    const refused = await setAvatar(contextOf(member.id), Buffer.from("not a picture")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe("BAD_REQUEST");
    expect((await member.caller.auth.me()).avatarUrl).toBeNull();
  });
});

describe("avatars on messages", () => {
  it("a message's author carries their current avatar: in pages, single messages, reply quotes, search, edits and new sends", async () => {
    const { owner, member, server } = await h.community("Portraits");
    const [general] = await owner.caller.channel.list({ serverId: server.id });
    const channelId = general!.id;
    const before = await member.caller.message.send({ channelId, content: "portrait before" });
    expect(before.author?.avatarUrl).toBeNull();
    const { avatarUrl } = await setAvatar(contextOf(member.id), await picture());

    // Past messages read the avatar as it is now.
    const page = await owner.caller.message.list({ channelId });
    expect(page.items.find((m) => m.id === before.id)?.author?.avatarUrl).toBe(avatarUrl);
    expect((await owner.caller.message.get({ messageId: before.id })).author?.avatarUrl).toBe(avatarUrl);
    const reply = await owner.caller.message.send({ channelId, content: "nice portrait", replyToId: before.id });
    expect(reply.author?.avatarUrl).toBeNull();
    expect(reply.replyTo?.author?.avatarUrl).toBe(avatarUrl);
    expect((await owner.caller.message.list({ channelId })).items.find((m) => m.id === reply.id)?.replyTo?.author?.avatarUrl).toBe(avatarUrl);
    const hits = await owner.caller.message.search({ serverId: server.id, query: "portrait" });
    expect(hits.items.find((hit) => hit.id === before.id)?.author?.avatarUrl).toBe(avatarUrl);
    expect((await member.caller.message.edit({ messageId: before.id, content: "portrait, edited" })).author?.avatarUrl).toBe(avatarUrl);
    expect((await member.caller.message.send({ channelId, content: "portrait after" })).author?.avatarUrl).toBe(avatarUrl);

    await member.caller.user.removeAvatar();
    expect((await owner.caller.message.get({ messageId: before.id })).author?.avatarUrl).toBeNull();
  });
});

describe("server icons", () => {
  it("need MANAGE_SERVER; members hear of a new icon and of its removal", async () => {
    const { owner, member, server } = await h.community("Iconic");
    const refused = await setServerIcon(contextOf(member.id), BigInt(server.id), await picture()).catch((error: unknown) => error);
    expect((refused as DomainError).code).toBe("FORBIDDEN");
    const live = await listen(server.id);
    const { iconUrl } = await setServerIcon(contextOf(owner.id), BigInt(server.id), await picture());
    expect((await member.caller.server.get({ serverId: server.id })).iconUrl).toBe(iconUrl);
    await expect.poll(() => live.heard.map(({ activity }) => activity)).toContainEqual({ type: "serverIcon", serverId: server.id, iconUrl });
    await expectCode(member.caller.server.removeIcon({ serverId: server.id }), "FORBIDDEN");
    expect(await owner.caller.server.removeIcon({ serverId: server.id })).toEqual({ ok: true });
    await expect.poll(() => live.heard.at(-1)?.activity).toEqual({ type: "serverIcon", serverId: server.id, iconUrl: null });
    const version = iconUrl.split("/")[4]!;
    for (const size of sizes) expect(await storage.stat(squareImageKey("icons", server.id, version, size))).toBeNull();
    live.stop();
  });
});
