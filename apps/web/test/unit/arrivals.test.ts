import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { arrivalText } from "~/features/messages/arrivals";
import type { ChatMessage } from "~/features/messages/message-cache";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const message = (content: string, files = 0) =>
  ({
    id: "1",
    content,
    author: { id: "2", username: "ana" },
    attachments: Array.from({ length: files }, (_, index) => ({ id: String(index), filename: `f${index}.txt` })),
  }) as ChatMessage;
const nameOf = (m: ChatMessage) => m.author!.username;
const english = createTranslator({ locale: "en", messages: en, namespace: "messages" });
const french = createTranslator({ locale: "fr", messages: fr, namespace: "messages" });

describe("what a screen reader hears of new messages", () => {
  it("one is read out with its author, as plain text (a spoiler stays hidden), cut short", () => {
    expect(arrivalText([message("hello **there** ||secret||")], nameOf, "#general", english)).toBe("ana: hello there (spoiler)");
    expect(arrivalText([message("x".repeat(400))], nameOf, "#general", english)).toBe(`ana: ${"x".repeat(150)}…`);
  });

  it("counts the files of one, which may have no text", () => {
    expect(arrivalText([message("", 1)], nameOf, "#general", english)).toBe("ana: 1 file");
    expect(arrivalText([message("the photos", 3)], nameOf, "#general", english)).toBe("ana: the photos · 3 files");
    expect(arrivalText([message("", 2)], nameOf, "#général", french)).toBe("ana\u00a0: 2 fichiers");
  });

  it("several are counted, and none is silence", () => {
    expect(arrivalText([message("a"), message("b"), message("c")], nameOf, "#general", english)).toBe("3 new messages in #general");
    expect(arrivalText([], nameOf, "#general", english)).toBe("");
  });

  it("speaks French", () => {
    expect(arrivalText([message("salut")], nameOf, "#général", french)).toBe("ana\u00a0: salut");
    expect(arrivalText([message("a"), message("b")], nameOf, "#général", french)).toBe("2 nouveaux messages dans #général");
  });
});
