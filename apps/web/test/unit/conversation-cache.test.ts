import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import {
  type Conversation,
  conversationTitle,
  dropConversation,
  setConversationMuted,
  touchConversation,
  unreadConversations,
  upsertConversation,
} from "~/features/conversations/conversation-cache";
import { notificationText } from "~/features/unread/notifications";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const titles = createTranslator({ locale: "en", messages: en, namespace: "conversations" });
const words = createTranslator({ locale: "en", messages: en, namespace: "unread.notification" });
const mots = createTranslator({ locale: "fr", messages: fr, namespace: "unread.notification" });

const ana = { id: "1", username: "ana", displayName: "Ana Bell", avatarUrl: null };
const bo = { id: "2", username: "bo", displayName: null, avatarUrl: null };
const cy = { id: "3", username: "cy", displayName: null, avatarUrl: null };

const conversation = (id: string, lastMessageId: string | null, extra: Partial<Conversation> = {}): Conversation => ({
  id,
  kind: "dm",
  name: "",
  ownerId: null,
  recipients: [ana, bo],
  lastMessageId,
  lastReadId: lastMessageId ?? "0",
  unreadCount: 0,
  mentionCount: 0,
  muted: false,
  ...extra,
});

describe("the DM list in the cache", () => {
  it("names a DM by the other person, an unnamed group by its people, a named one by its name", () => {
    expect(conversationTitle(conversation("10", null), "2", titles)).toBe("Ana Bell");
    const group = conversation("11", null, { kind: "group", ownerId: "1", recipients: [ana, bo, cy] });
    expect(conversationTitle(group, "1", titles)).toBe("bo, cy");
    expect(conversationTitle({ ...group, name: "Road trip" }, "1", titles)).toBe("Road trip");
    expect(conversationTitle({ ...group, recipients: [ana] }, "1", titles)).toBe("Just you");
  });

  it("keeps latest activity first as messages arrive; one it does not hold asks for a refetch", () => {
    const list = [conversation("10", "100"), conversation("11", "90")];
    expect(touchConversation(list, "11", "120")?.map((c) => [c.id, c.lastMessageId])).toEqual([
      ["11", "120"],
      ["10", "100"],
    ]);
    expect(touchConversation(list, "12", "130")).toBeNull();
    // What the list knows already (a message it was told of, an older page) changes nothing.
    expect(touchConversation(list, "10", "100")).toBe(list);
  });

  it("adds an opened conversation with nothing unread, keeps the read state of a changed one, and drops one left", () => {
    const list = [conversation("10", "100", { unreadCount: 3, lastReadId: "97" })];
    const { lastReadId: _l, unreadCount: _u, mentionCount: _m, muted: _d, ...summary } = conversation("10", "100");
    const renamed = upsertConversation(list, { ...summary, kind: "group", name: "Road trip" });
    expect(renamed).toEqual([{ ...list[0], kind: "group", name: "Road trip" }]);
    const opened = upsertConversation(renamed, { ...summary, id: "200", lastMessageId: null });
    expect(opened.map((c) => [c.id, c.unreadCount])).toEqual([
      ["200", 0],
      ["10", 3],
    ]);
    expect(dropConversation(opened, "10").map((c) => c.id)).toEqual(["200"]);
  });

  it("Home's tile counts the unread conversations that are not muted; a mute is the viewer's own, kept through changes", () => {
    const list = [conversation("10", "100", { unreadCount: 3 }), conversation("11", "90", { unreadCount: 2 }), conversation("12", "80")];
    expect(unreadConversations(list).map((c) => c.id)).toEqual(["10", "11"]);
    const muted = setConversationMuted(list, "10", true);
    expect(unreadConversations(muted).map((c) => c.id)).toEqual(["11"]);
    const { lastReadId: _l, unreadCount: _u, mentionCount: _m, muted: _d, ...summary } = muted[0]!;
    expect(upsertConversation(muted, { ...summary, name: "renamed" }).find((c) => c.id === "10")).toMatchObject({ muted: true, unreadCount: 3 });
    expect(unreadConversations(undefined)).toEqual([]);
  });

  it("a DM's notification is titled by its author, a named group's by both", () => {
    const event = { type: "message", channelId: "10", messageId: "5", mentioned: false, reply: false, serverId: null } as const;
    expect(notificationText({ ...event, preview: { author: "ana", channelName: "", excerpt: "hi" } }, words)).toEqual({ title: "ana", body: "hi" });
    expect(notificationText({ ...event, preview: { author: "ana", channelName: "Road trip", excerpt: "hi" } }, words).title).toBe("ana in Road trip");
    expect(notificationText({ ...event, preview: { author: "ana", channelName: "Road trip", excerpt: "hi" } }, mots).title).toBe("ana dans Road trip");
  });
});
