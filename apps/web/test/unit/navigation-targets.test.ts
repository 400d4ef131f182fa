import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import type { Conversation } from "~/features/conversations/conversation-cache";
import { neighbour, rankTargets, switcherTargets } from "~/features/navigation/targets";

import en from "../../messages/en.json";

const server = (id: string, name: string, extra: Record<string, unknown> = {}) =>
  ({ id, name, muted: false, unreadCount: 0, mentionCount: 0, ...extra }) as never;
const channel = (id: string, name: string, unreadCount = 0) => ({ id, name, unreadCount }) as never;
const dm = (id: string, username: string, unreadCount = 0): Conversation =>
  ({
    id,
    kind: "dm",
    name: "",
    ownerId: null,
    recipients: [
      { id: "me", username: "me", displayName: null },
      { id: `u${id}`, username, displayName: null },
    ],
    lastMessageId: null,
    lastReadId: "0",
    unreadCount,
    mentionCount: 0,
    muted: false,
  }) as Conversation;

const targets = switcherTargets({
  servers: [server("1", "Camp"), server("2", "Café Crème", { muted: true, unreadCount: 4 })],
  channels: new Map([
    ["1", [channel("10", "general", 2), channel("11", "random"), channel("12", "camp-fire")]],
    ["2", [channel("20", "général", 4)]],
  ]),
  conversations: [dm("30", "campbell", 1), dm("31", "ana")],
  viewerId: "me",
  titles: createTranslator({ locale: "en", messages: en, namespace: "conversations" }),
});

describe("the quick switcher's targets", () => {
  it("lists conversations, then channels with their server, then servers; a muted server's are never unread", () => {
    expect(targets.map((t) => [t.kind, t.name, t.detail ?? "", t.href, t.unread])).toEqual([
      ["conversation", "campbell", "", "/channels/me/30", true],
      ["conversation", "ana", "", "/channels/me/31", false],
      ["channel", "general", "Camp", "/channels/1/10", true],
      ["channel", "random", "Camp", "/channels/1/11", false],
      ["channel", "camp-fire", "Camp", "/channels/1/12", false],
      ["channel", "général", "Café Crème", "/channels/2/20", false],
      ["server", "Camp", "", "/channels/1", false],
      ["server", "Café Crème", "", "/channels/2", false],
    ]);
  });

  it("finds names holding the words, case and accents aside, those starting with them first", () => {
    expect(rankTargets(targets, "CAMP").map((t) => t.key)).toEqual(["c30", "h12", "s1"]);
    expect(rankTargets(targets, "general").map((t) => t.key)).toEqual(["h10", "h20"]);
    expect(rankTargets(targets, "creme").map((t) => t.key)).toEqual(["s2"]);
    expect(rankTargets(targets, "nothing like it")).toEqual([]);
  });

  it("# narrows to channels, @ to people, * to servers; with no words, the unread ones", () => {
    expect(rankTargets(targets, "#camp").map((t) => t.key)).toEqual(["h12"]);
    expect(rankTargets(targets, "@").map((t) => t.key)).toEqual(["c30", "c31"]);
    expect(rankTargets(targets, "*c").map((t) => t.key)).toEqual(["s1", "s2"]);
    expect(rankTargets(targets, "  ").map((t) => t.key)).toEqual(["c30", "h10"]);
  });

  it("Alt+↑/↓ steps through the list and stops at its ends", () => {
    const ids = ["a", "b", "c"];
    expect(neighbour(ids, "b", -1)).toBe("a");
    expect(neighbour(ids, "b", 1)).toBe("c");
    expect(neighbour(ids, "c", 1)).toBeUndefined();
    expect(neighbour(ids, "a", -1)).toBeUndefined();
    expect(neighbour(ids, "z", 1)).toBeUndefined();
    expect(neighbour(ids, undefined, 1)).toBeUndefined();
  });
});
