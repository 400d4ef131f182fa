import { Readable } from "node:stream";

import { eq, nextId, serverEmojis } from "@chat/db";
import { Permission, everyoneDefaults } from "@chat/policy/permission-flags";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type UserEvent, createContext, createEmoji, toTRPCError, unlimited } from "../src";
import { authKey, createHarness, expectCode, type Harness, type TestUser } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const png = PNG.sync.write(new PNG({ width: 32, height: 32 }));
/** A 1×1 GIF of `frames` images (each a graphic control extension and an image). */
function gif(frames: number): Buffer {
  const frame = [0x21, 0xf9, 0x04, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00];
  const head = [...Buffer.from("GIF89a"), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255];
  return Buffer.from([...head, ...Array.from({ length: frames }, () => frame).flat(), 0x3b]);
}
/** A 16×16 extended WebP, with an ANIM chunk when animated (its frames do not matter to the checks). */
function webp(animated: boolean): Buffer {
  const chunk = (fourcc: string, data: number[]) => {
    const size = Buffer.alloc(4);
    size.writeUInt32LE(data.length);
    return Buffer.concat([Buffer.from(fourcc), size, Buffer.from(data)]);
  };
  const vp8x = chunk("VP8X", [animated ? 0x02 : 0, 0, 0, 0, 15, 0, 0, 15, 0, 0]);
  const body = Buffer.concat([Buffer.from("WEBP"), vp8x, ...(animated ? [chunk("ANIM", [0, 0, 0, 0, 0, 0])] : [])]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from("RIFF"), size, body]);
}

/** Uploads as the route handler does (the request's context, its Content-Length, its body); refusals as tRPC's. */
async function upload(user: TestUser, serverId: string, name: string | null, bytes: Buffer, declaredLength: number | null = bytes.length) {
  const ctx = await createContext({
    db: h.handle.db,
    authKey,
    rateLimiter: unlimited,
    realtime: h.realtime,
    storage: h.storage,
    headers: new Headers({ authorization: `Bearer ${user.token}` }),
  });
  return createEmoji(ctx, { serverId, name, declaredLength, body: Readable.from([bytes]) }).catch((error: unknown) => {
    throw toTRPCError(error);
  });
}

/** `count` emoji of one kind straight in the table, as if uploaded before. */
async function fill(serverId: string, count: number, animated: boolean) {
  const rows = Array.from({ length: count }, (_, index) => ({
    id: nextId(),
    serverId: BigInt(serverId),
    name: `${animated ? "moving" : "still"}_${index}`,
    animated,
    contentType: "image/gif",
    storageKey: `emojis/${serverId}/filler-${index}`,
  }));
  await h.handle.db.insert(serverEmojis).values(rows);
}

describe("custom emoji", () => {
  it("uploads, lists, renames and deletes; the type and the motion come from the bytes", async () => {
    const { owner, member, server } = await h.community("Emoji");
    const blob = await upload(owner, server.id, "blob", png);
    expect(blob).toEqual({ id: expect.any(String), name: "blob", animated: false, url: `/api/emojis/${blob.id}` });
    // A PNG named like a GIF is a PNG: names are not types.
    expect((await upload(owner, server.id, "fake_gif", png)).animated).toBe(false);
    expect((await upload(owner, server.id, "still_gif", gif(1))).animated).toBe(false);
    expect((await upload(owner, server.id, "party", gif(2))).animated).toBe(true);
    expect((await upload(owner, server.id, "still_webp", webp(false))).animated).toBe(false);
    expect((await upload(owner, server.id, "dance", webp(true))).animated).toBe(true);
    const [row] = await h.handle.db.select().from(serverEmojis).where(eq(serverEmojis.name, "party"));
    expect(row!.contentType).toBe("image/gif");

    const listed = await member.caller.emoji.list({ serverId: server.id });
    expect(listed.map((emoji) => emoji.name)).toEqual(["blob", "fake_gif", "still_gif", "party", "still_webp", "dance"]);

    const renamed = await owner.caller.emoji.rename({ serverId: server.id, emojiId: blob.id, name: "Blobby" });
    expect(renamed).toEqual({ ...blob, name: "Blobby" });
    // Renaming to its own name in another case is fine; to another's is not.
    await owner.caller.emoji.rename({ serverId: server.id, emojiId: blob.id, name: "blobby" });
    await expectCode(owner.caller.emoji.rename({ serverId: server.id, emojiId: blob.id, name: "PARTY" }), "CONFLICT");

    const key = `emojis/${server.id}/${blob.id}`;
    expect(await h.storage.stat(key)).toEqual({ size: png.length });
    await owner.caller.emoji.delete({ serverId: server.id, emojiId: blob.id });
    expect(await h.storage.stat(key)).toBeNull();
    await expectCode(owner.caller.emoji.delete({ serverId: server.id, emojiId: blob.id }), "NOT_FOUND");
    expect(await member.caller.emoji.list({ serverId: server.id })).toHaveLength(5);
  });

  it("records each upload, rename and deletion in the server's audit log, with who, which emoji and the names", async () => {
    const { owner, member, server } = await h.community("Audited");
    const blob = await upload(owner, server.id, "blob", png);
    await upload(owner, server.id, "party", gif(2));
    await owner.caller.emoji.rename({ serverId: server.id, emojiId: blob.id, name: "blobby" });
    // Refused changes leave no entry.
    await expectCode(owner.caller.emoji.rename({ serverId: server.id, emojiId: blob.id, name: "PARTY" }), "CONFLICT");
    await expectCode(member.caller.emoji.delete({ serverId: server.id, emojiId: blob.id }), "FORBIDDEN");
    await owner.caller.emoji.delete({ serverId: server.id, emojiId: blob.id });
    await expectCode(owner.caller.emoji.delete({ serverId: server.id, emojiId: blob.id }), "NOT_FOUND");

    const { items } = await owner.caller.audit.list({ serverId: server.id });
    const actor = { id: owner.id, username: owner.username };
    expect(items.filter((entry) => entry.action.startsWith("emoji."))).toEqual([
      expect.objectContaining({ action: "emoji.delete", actor, target: { id: blob.id, name: "blobby" }, details: {} }),
      expect.objectContaining({
        action: "emoji.rename",
        actor,
        target: { id: blob.id, name: "blobby" },
        details: { name: { from: "blob", to: "blobby" } },
      }),
      expect.objectContaining({ action: "emoji.create", actor, target: { id: expect.any(String), name: "party" }, details: {} }),
      expect.objectContaining({ action: "emoji.create", actor, target: { id: blob.id, name: "blob" }, details: {} }),
    ]);
    const renames = await owner.caller.audit.list({ serverId: server.id, action: "emoji.rename" });
    expect(renames.items).toHaveLength(1);
  });

  it("refuses bad names (400), taken names whatever the case (409), other types (400), files past 256 KiB (413)", async () => {
    const { owner, server } = await h.community("Rules");
    for (const name of ["a", "x".repeat(33), "has space", "émoji", "dash-ed", null]) {
      await expectCode(upload(owner, server.id, name, png), "BAD_REQUEST");
    }
    await upload(owner, server.id, "ok_32".padEnd(32, "x"), png);
    await upload(owner, server.id, "Taken", png);
    await expectCode(upload(owner, server.id, "tAKEN", png), "CONFLICT");
    await expectCode(upload(owner, server.id, "svg", Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), "BAD_REQUEST");
    await expectCode(upload(owner, server.id, "pdf", Buffer.from("%PDF-1.4\n%%EOF\n")), "BAD_REQUEST");
    await expectCode(upload(owner, server.id, "empty", Buffer.alloc(0)), "BAD_REQUEST");
    const big = Buffer.concat([png, Buffer.alloc(256 * 1024)]);
    // Refused on its Content-Length, and without one, once the stream passes the limit; nothing is left behind.
    await expectCode(upload(owner, server.id, "big", big), "PAYLOAD_TOO_LARGE");
    await expectCode(upload(owner, server.id, "big", big, null), "PAYLOAD_TOO_LARGE");
    await upload(owner, server.id, "just_fits", Buffer.concat([png, Buffer.alloc(256 * 1024 - png.length)]));
    const names = (await owner.caller.emoji.list({ serverId: server.id })).map((emoji) => emoji.name);
    expect(names).toEqual(["ok_32".padEnd(32, "x"), "Taken", "just_fits"]);
  });

  it("holds 50 static and 50 animated emoji per server", async () => {
    const { owner, server } = await h.community("Full");
    await fill(server.id, 49, false);
    await upload(owner, server.id, "fiftieth", png);
    await expectCode(upload(owner, server.id, "one_more", png), "BAD_REQUEST");
    await upload(owner, server.id, "moves", gif(2));
    await fill(server.id, 49, true);
    await expectCode(upload(owner, server.id, "moves_too", webp(true)), "BAD_REQUEST");
    expect(await owner.caller.emoji.list({ serverId: server.id })).toHaveLength(100);
  });

  it("needs MANAGE_SERVER (or ADMINISTRATOR) to manage; any member lists; a stranger learns nothing", async () => {
    const { owner, member, server } = await h.community("Perms");
    const stranger = await h.user("stranger");
    const emoji = await upload(owner, server.id, "mine", png);
    await expectCode(upload(member, server.id, "theirs", png), "FORBIDDEN");
    await expectCode(member.caller.emoji.rename({ serverId: server.id, emojiId: emoji.id, name: "theirs" }), "FORBIDDEN");
    await expectCode(member.caller.emoji.delete({ serverId: server.id, emojiId: emoji.id }), "FORBIDDEN");
    await expectCode(upload(stranger, server.id, "theirs", png), "NOT_FOUND");
    await expectCode(stranger.caller.emoji.list({ serverId: server.id }), "NOT_FOUND");

    await owner.caller.role.update({ serverId: server.id, roleId: server.id, permissions: String(everyoneDefaults | Permission.MANAGE_SERVER) });
    const theirs = await upload(member, server.id, "theirs", png);
    await member.caller.emoji.delete({ serverId: server.id, emojiId: theirs.id });
    // Another server's emoji is not found through this one.
    const elsewhere = await stranger.caller.server.create({ name: "Elsewhere" });
    await expectCode(stranger.caller.emoji.delete({ serverId: elsewhere.id, emojiId: emoji.id }), "NOT_FOUND");
  });

  it("tells the members live of each change", async () => {
    const { owner, member, server } = await h.community("Live");
    const stream = (await member.caller.user.onEvent())[Symbol.asyncIterator]();
    const nextOf = async (type: UserEvent["type"]) => {
      for (;;) {
        const { value } = await stream.next();
        const event = (value as { data?: UserEvent }).data ?? (value as UserEvent);
        if (event.type === type) return event;
      }
    };
    await nextOf("sync");
    const emoji = await upload(owner, server.id, "live", png);
    expect(await nextOf("emojis")).toEqual({ type: "emojis", serverId: server.id, emojis: [emoji] });
    await owner.caller.emoji.rename({ serverId: server.id, emojiId: emoji.id, name: "alive" });
    expect(await nextOf("emojis")).toMatchObject({ emojis: [{ id: emoji.id, name: "alive" }] });
    await owner.caller.emoji.delete({ serverId: server.id, emojiId: emoji.id });
    expect(await nextOf("emojis")).toMatchObject({ emojis: [] });
    await stream.return?.();
  });
});

describe("reactions with custom emoji", () => {
  it("take an emoji of the channel's server, follow its renames, and outlive its deletion", async () => {
    const { owner, member, server, general } = await h.community("Reacting");
    const other = await h.community("Other");
    const emoji = await upload(owner, server.id, "wave", png);
    const foreign = await upload(other.owner, other.server.id, "foreign", png);
    const { id: messageId } = await owner.caller.message.send({ channelId: general.id, content: `hi <:wave:${emoji.id}>` });

    // Whatever name the client writes, the reaction is the emoji's.
    await member.caller.reaction.add({ messageId, emoji: `<:old_name:${emoji.id}>` });
    const reacted = await owner.caller.reaction.add({ messageId, emoji: `<:wave:${emoji.id}>` });
    expect(reacted.reactions).toEqual([{ emoji: `<:wave:${emoji.id}>`, count: 2, me: true }]);
    await expectCode(owner.caller.reaction.add({ messageId, emoji: `<:foreign:${foreign.id}>` }), "BAD_REQUEST");
    await expectCode(owner.caller.reaction.add({ messageId, emoji: "<:x:1>" }), "BAD_REQUEST");
    await expectCode(owner.caller.reaction.add({ messageId, emoji: "<:wave:abc>" }), "BAD_REQUEST");

    await owner.caller.emoji.rename({ serverId: server.id, emojiId: emoji.id, name: "hello" });
    expect((await owner.caller.message.get({ messageId })).reactions).toEqual([{ emoji: `<:hello:${emoji.id}>`, count: 2, me: true }]);

    await owner.caller.emoji.delete({ serverId: server.id, emojiId: emoji.id });
    // The reaction stays (shown by its name); nobody adds to it, its people may take theirs back.
    await expectCode(member.caller.reaction.add({ messageId, emoji: `<:hello:${emoji.id}>` }), "BAD_REQUEST");
    const after = await member.caller.reaction.remove({ messageId, emoji: `<:hello:${emoji.id}>` });
    expect(after.reactions).toEqual([{ emoji: `<:hello:${emoji.id}>`, count: 1, me: false }]);
  });

  it("are refused in a DM, which has no server", async () => {
    const a = await h.user("a");
    const b = await h.user("b");
    await a.caller.friend.request({ username: b.username });
    await b.caller.friend.accept({ userId: a.id });
    const dm = await a.caller.dm.open({ userId: b.id });
    const { id: messageId } = await a.caller.message.send({ channelId: dm.id, content: "hey" });
    await expectCode(a.caller.reaction.add({ messageId, emoji: "<:wave:123>" }), "BAD_REQUEST");
  });
});

describe("a deleted server", () => {
  it("takes its emoji's files with it", async () => {
    const { owner, server } = await h.community("Gone");
    const emoji = await upload(owner, server.id, "doomed", png);
    const key = `emojis/${server.id}/${emoji.id}`;
    expect(await h.storage.stat(key)).not.toBeNull();
    await owner.caller.server.delete({ serverId: server.id });
    expect(await h.storage.stat(key)).toBeNull();
  });
});
