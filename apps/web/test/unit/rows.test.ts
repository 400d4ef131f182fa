import { describe, expect, it } from "vitest";

import type { ChatMessage } from "~/features/messages/message-cache";
import { toRows } from "~/features/messages/rows";

let next = 1;
const say = (author: string | null, time: string, content = "hi"): ChatMessage => ({
  id: String(next++),
  channelId: "9",
  author: author === null ? null : { id: author, username: author, displayName: null, nickname: null, avatarUrl: null },
  content,
  createdAt: new Date(time),
  editedAt: null,
  replyTo: null,
  mentionIds: [],
  mentionsEveryone: false,
  embeds: [],
  attachments: [],
  reactions: [],
});
/** "|" marks a day separator above the row, "+" a row that continues the block above. */
const shape = (messages: ChatMessage[]) =>
  toRows(messages).map((row) => `${row.newDay ? "|" : ""}${row.continued ? "+" : (row.message.author?.id ?? "?")}`);

describe("message rows", () => {
  it("groups one author's messages within a few minutes under one header", () => {
    expect(
      shape([say("ann", "2026-03-02T10:00:00"), say("ann", "2026-03-02T10:03:00"), say("ann", "2026-03-02T10:06:30")]),
    ).toEqual(["|ann", "+", "+"]);
  });

  it("starts a new block for another author or after a pause", () => {
    expect(
      shape([say("ann", "2026-03-02T10:00:00"), say("bob", "2026-03-02T10:01:00"), say("bob", "2026-03-02T10:20:00")]),
    ).toEqual(["|ann", "bob", "bob"]);
  });

  it("marks each new day, and never groups across it", () => {
    expect(shape([say("ann", "2026-03-01T23:58:00"), say("ann", "2026-03-02T00:01:00")])).toEqual(["|ann", "|ann"]);
  });

  it("never groups messages of deleted accounts", () => {
    expect(shape([say(null, "2026-03-02T10:00:00"), say(null, "2026-03-02T10:00:10")])).toEqual(["|?", "?"]);
  });

  it("a group's system line stands alone, and the message after it starts a block", () => {
    const line: ChatMessage = { ...say("ann", "2026-03-02T10:00:30", "42"), kind: "recipient_add" };
    expect(shape([say("ann", "2026-03-02T10:00:00"), line, say("ann", "2026-03-02T10:01:00")])).toEqual(["|ann", "ann", "ann"]);
  });

  it("keys rows stably: one row per message, an unsent one by its nonce", () => {
    const stored = say("ann", "2026-03-02T10:00:00");
    const pending: ChatMessage = { ...say("ann", "2026-03-02T10:00:05"), delivery: { state: "sending", nonce: "n1" } };
    expect(toRows([stored, pending]).map((row) => row.key)).toEqual([stored.id, "n1"]);
  });
});
