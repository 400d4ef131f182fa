import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { mentionedNames } from "../src/messages/mentions";
import { createHarness, type Harness } from "./harness";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

async function room() {
  const { owner, member, server, general } = await h.community("Mentions");
  const [admin, outsider] = [await h.user("admin"), await h.user("outsider")];
  await admin.caller.server.join({ inviteCode: server.inviteCode });
  await owner.caller.member.updateRole({ serverId: server.id, userId: admin.id, role: "admin" });
  return { owner, admin, member, outsider, channelId: general.id };
}

describe("mentions", () => {
  it("finds @names in text, not in email addresses, and tolerates a full stop after a name", () => {
    expect(mentionedNames("hi @Ana and @bob.smith, mail me at x@example.com. Thanks @carl.")).toEqual([
      "ana",
      "bob.smith",
      "carl.",
      "carl",
    ]);
    expect(mentionedNames("@everyone look")).toEqual([]);
  });

  it("resolve @username to members of the server only, case-insensitively, and are stored", async () => {
    const { owner, member, outsider, channelId } = await room();
    const content = `hey @${member.username.toUpperCase()} and @${outsider.username}, and @nobody`;
    const sent = await owner.caller.message.send({ channelId, content });
    expect(sent.mentionIds).toEqual([member.id]);
    expect(sent.mentionsEveryone).toBe(false);
    const { items } = await member.caller.message.list({ channelId });
    expect(items[0]!.mentionIds).toEqual([member.id]);
  });

  it("are resolved again when the message is edited", async () => {
    const { owner, admin, member, channelId } = await room();
    const sent = await owner.caller.message.send({ channelId, content: `@${member.username} look` });
    const edited = await owner.caller.message.edit({ messageId: sent.id, content: `@${admin.username} look, @everyone` });
    expect(edited.mentionIds).toEqual([admin.id]);
    expect(edited.mentionsEveryone).toBe(true);
    expect((await member.caller.message.get({ messageId: sent.id })).mentionIds).toEqual([admin.id]);
  });

  it("@everyone mentions everyone from owners and admins; from a member it stays plain text", async () => {
    const { owner, admin, member, channelId } = await room();
    const byRole = await Promise.all(
      [owner, admin, member].map((person) => person.caller.message.send({ channelId, content: "@everyone meeting at 5" })),
    );
    expect(byRole.map((message) => message.mentionsEveryone)).toEqual([true, true, false]);
    expect(byRole[2]!.content).toBe("@everyone meeting at 5");
    const { items } = await owner.caller.message.list({ channelId });
    expect(items.map((item) => item.mentionsEveryone).sort()).toEqual([false, true, true]);
  });
});
