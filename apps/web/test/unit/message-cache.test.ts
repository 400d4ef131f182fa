import { describe, expect, it } from "vitest";

import {
  type ChatMessage,
  type History,
  addMessage,
  addUnsent,
  applyReaction,
  newestStoredId,
  oldestFirst,
  removeMessage,
  setDelivery,
  updateMessage,
} from "~/features/messages/message-cache";

const at = new Date("2026-03-02T10:00:00Z");
const message = (id: string, content = `m${id}`, author = "1"): ChatMessage => ({
  id,
  channelId: "9",
  author: { id: author, username: `user${author}`, displayName: null, nickname: null, avatarUrl: null },
  content,
  createdAt: at,
  editedAt: null,
  replyTo: null,
  mentionIds: [],
  mentionsEveryone: false,
  embeds: [],
  attachments: [],
  reactions: [],
});
const unsent = (nonce: string, content: string): ChatMessage => ({
  ...message(`unsent-${nonce}`, content),
  delivery: { state: "sending", nonce },
});

/** Two pages as message.list returns them: newest first. */
const history = (): History => ({
  pages: [
    { items: [message("30"), message("20")], nextCursor: "20" },
    { items: [message("10")], nextCursor: null },
  ],
  pageParams: [undefined, "20"],
});
const ids = (h: History) => oldestFirst(h).map((m) => m.id);

describe("message cache", () => {
  it("lists oldest first across pages", () => {
    expect(ids(history())).toEqual(["10", "20", "30"]);
  });

  it("inserts a new message by id order, not at a fixed place", () => {
    expect(ids(addMessage(history(), message("40")))).toEqual(["10", "20", "30", "40"]);
    expect(ids(addMessage(history(), message("25")))).toEqual(["10", "20", "25", "30"]);
  });

  it("compares snowflakes numerically (a longer id is newer)", () => {
    expect(ids(addMessage(history(), message("100")))).toEqual(["10", "20", "30", "100"]);
  });

  it("ignores a duplicate delivery of the same message", () => {
    const twice = addMessage(addMessage(history(), message("40")), message("40"));
    expect(ids(twice)).toEqual(["10", "20", "30", "40"]);
  });

  it("replaces the optimistic copy named by its nonce", () => {
    const pending = addUnsent(history(), unsent("a", "hi"));
    expect(ids(pending)).toEqual(["10", "20", "30", "unsent-a"]);
    expect(ids(addMessage(pending, message("40", "hi"), "a"))).toEqual(["10", "20", "30", "40"]);
  });

  it("replaces the optimistic copy when the live event beats the send response", () => {
    const pending = addUnsent(addUnsent(history(), unsent("a", "same")), unsent("b", "same"));
    const confirmed = addMessage(pending, message("40", "same"));
    // The older of two identical unsent messages is the one the server stored first.
    expect(oldestFirst(confirmed).map((m) => m.delivery?.nonce ?? m.id)).toEqual(["10", "20", "30", "40", "b"]);
    expect(ids(addMessage(confirmed, message("40", "same"), "a"))).toEqual(["10", "20", "30", "40", "unsent-b"]);
  });

  it("keeps unsent messages below every stored one", () => {
    const pending = addUnsent(history(), unsent("a", "later"));
    expect(ids(addMessage(pending, message("40", "other", "2")))).toEqual(["10", "20", "30", "40", "unsent-a"]);
  });

  it("updates and removes in place, on any page", () => {
    const edited = updateMessage(history(), { ...message("10"), content: "edited", editedAt: at });
    expect(oldestFirst(edited)[0]).toMatchObject({ id: "10", content: "edited", editedAt: at });
    expect(ids(removeMessage(history(), "20"))).toEqual(["10", "30"]);
  });

  it("keeps the cached reactions when an edit event (a snapshot without them) arrives", () => {
    const reacted = updateMessage(history(), { ...message("10"), reactions: [{ emoji: "👍", count: 2, me: true }] });
    const { reactions: _omitted, ...snapshot } = { ...message("10"), content: "edited" };
    expect(oldestFirst(updateMessage(reacted, snapshot))[0]).toMatchObject({ content: "edited", reactions: [{ emoji: "👍", count: 2, me: true }] });
  });

  it("quotes a deleted parent as deleted in the replies it has", () => {
    const withReply = addMessage(history(), { ...message("40"), replyTo: { id: "20", deleted: false, author: null, excerpt: "m20" } });
    expect(oldestFirst(removeMessage(withReply, "20")).at(-1)?.replyTo).toEqual({ id: "20", deleted: true, author: null, excerpt: "" });
  });

  it("applies reaction events: the server's count, `me` only for the viewer's own, an emoji at zero gone", () => {
    const react = (h: History, userId: string, added: boolean, count: number, emoji = "👍") =>
      applyReaction(h, "30", { emoji, userId, added, count }, "1");
    const reactionsOf = (h: History) => oldestFirst(h).find((m) => m.id === "30")?.reactions;
    let h = react(history(), "2", true, 1);
    expect(reactionsOf(h)).toEqual([{ emoji: "👍", count: 1, me: false }]);
    h = react(h, "1", true, 2);
    h = react(h, "3", true, 1, "🎉");
    expect(reactionsOf(h)).toEqual([
      { emoji: "👍", count: 2, me: true },
      { emoji: "🎉", count: 1, me: false },
    ]);
    h = react(react(h, "2", false, 1), "1", false, 0);
    expect(reactionsOf(h)).toEqual([{ emoji: "🎉", count: 1, me: false }]);
  });

  it("marks a failed send and forgets a discarded one", () => {
    const pending = addUnsent(history(), unsent("a", "hi"));
    const failed = setDelivery(pending, "a", { state: "failed", nonce: "a", error: "Too many requests" });
    expect(oldestFirst(failed).at(-1)?.delivery).toEqual({ state: "failed", nonce: "a", error: "Too many requests" });
    expect(ids(setDelivery(failed, "a", null))).toEqual(["10", "20", "30"]);
  });

  it("finds the newest stored message, skipping unsent ones", () => {
    expect(newestStoredId(addUnsent(history(), unsent("a", "hi")))).toBe("30");
  });
});
