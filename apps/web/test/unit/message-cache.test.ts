import { describe, expect, it } from "vitest";

import {
  type ChatMessage,
  type History,
  addMessage,
  addUnsent,
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
  author: { id: author, username: `user${author}` },
  content,
  createdAt: at,
  editedAt: null,
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
