import { describe, expect, it } from "vitest";

import { arrivalText } from "~/features/messages/arrivals";
import type { ChatMessage } from "~/features/messages/message-cache";

const message = (content: string) => ({ id: "1", content, author: { id: "2", username: "ana" } }) as ChatMessage;
const nameOf = (m: ChatMessage) => m.author!.username;

describe("what a screen reader hears of new messages", () => {
  it("one is read out with its author, as plain text (a spoiler stays hidden), cut short", () => {
    expect(arrivalText([message("hello **there** ||secret||")], nameOf, "#general")).toBe("ana: hello there (spoiler)");
    expect(arrivalText([message("x".repeat(400))], nameOf, "#general")).toBe(`ana: ${"x".repeat(150)}…`);
  });

  it("several are counted, and none is silence", () => {
    expect(arrivalText([message("a"), message("b"), message("c")], nameOf, "#general")).toBe("3 new messages in #general");
    expect(arrivalText([], nameOf, "#general")).toBe("");
  });
});
