import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { deservesNotice, notificationText } from "~/features/unread/notifications";
import {
  type ChannelWithReadState,
  type ServerWithReadState,
  bumpChannel,
  firstUnreadId,
  formatCount,
  readChannel,
  setChannelNotify,
  setServerNotify,
  withTotals,
} from "~/features/unread/unread-cache";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const channel = (id: string, unreadCount = 0, mentionCount = 0): ChannelWithReadState => ({
  id,
  serverId: "1",
  name: `c${id}`,
  topic: "",
  createdAt: new Date(0),
  slowmodeSeconds: 0,
  categoryId: null,
  position: 0,
  private: false,
  slowmodeEndsAt: null,
  notify: "default",
  lastReadId: "100",
  unreadCount,
  mentionCount,
});
const server = { id: "1", unreadCount: 0, mentionCount: 0, muted: false, notify: "mentions" } as ServerWithReadState;

describe("unread cache", () => {
  it("bumps one channel, counts mentions, stops at the cap, and shows 99+", () => {
    const bumped = bumpChannel([channel("2"), channel("3", 100, 99)], "3", true);
    expect(bumped.map((c) => [c.unreadCount, c.mentionCount])).toEqual([
      [0, 0],
      [100, 100],
    ]);
    expect(bumpChannel([channel("2")], "2", false)[0]).toMatchObject({ unreadCount: 1, mentionCount: 0 });
    expect([formatCount(3), formatCount(100)]).toEqual(["3", "99+"]);
  });

  it("keeps the server's totals the sum of its channels'", () => {
    const channels = readChannel([channel("2", 4, 1), channel("3", 2, 2)], { channelId: "2", lastReadId: "150", unreadCount: 0, mentionCount: 0 });
    expect(channels[0]).toMatchObject({ lastReadId: "150", unreadCount: 0 });
    expect(withTotals([server], "1", channels)[0]).toMatchObject({ unreadCount: 2, mentionCount: 2 });
  });

  it("sets the viewer's notification level on a server or a channel alone", () => {
    expect(setServerNotify([server, { ...server, id: "9" }], "1", "all").map((s) => s.notify)).toEqual(["all", "mentions"]);
    expect(setChannelNotify([channel("2"), channel("3")], "3", "nothing").map((c) => c.notify)).toEqual(["default", "nothing"]);
  });

  it("puts the divider above the first unread message by someone else, only when it is known to be the first", () => {
    const m = (id: string, author: string, pending = false) => ({ id, author: { id: author }, ...(pending && { delivery: {} }) });
    const messages = [m("90", "ann"), m("101", "me"), m("102", "ann"), m("103", "me", true)];
    expect(firstUnreadId(messages, "100", "me", false)).toBe("102");
    expect(firstUnreadId(messages, "102", "me", true)).toBeUndefined();
    // The first loaded message is unread, but older pages may hide earlier unread ones.
    expect(firstUnreadId([m("101", "ann")], "100", "me", false)).toBeUndefined();
    expect(firstUnreadId([m("101", "ann")], "100", "me", true)).toBe("101");
    // Ids compare as numbers, not text.
    expect(firstUnreadId([m("99", "ann"), m("1000", "ann")], "100", "me", true)).toBe("1000");
  });
});

describe("notifications", () => {
  const words = createTranslator({ locale: "en", messages: en, namespace: "unread.notification" });
  const mots = createTranslator({ locale: "fr", messages: fr, namespace: "unread.notification" });
  const event = (preview: boolean, mentioned = true, reply = !mentioned) => ({
    type: "message" as const,
    serverId: "1",
    channelId: "2",
    messageId: "3",
    mentioned,
    reply,
    preview: preview ? { author: "ann", channelName: "general", excerpt: "look" } : null,
  });

  it("are for mentions and replies elsewhere, in servers that are not muted", () => {
    expect(deservesNotice(event(true), false, false)).toBe(true);
    expect(deservesNotice(event(false), false, false)).toBe(false);
    expect(deservesNotice(event(true), true, false)).toBe(false);
    expect(deservesNotice(event(true), false, true)).toBe(false);
  });

  it("say who did what where", () => {
    expect(notificationText(event(true), words)).toEqual({ title: "ann mentioned you in #general", body: "look" });
    expect(notificationText(event(true, false), words).title).toBe("ann replied to you in #general");
    expect(notificationText(event(true), mots).title).toBe("ann vous a mentionné dans #general");
    expect(notificationText({ ...event(true), preview: { author: null, channelName: "general", excerpt: "look" } }, words).title).toBe("Someone mentioned you in #general");
    // Any message of a channel whose level is "all".
    expect(notificationText(event(true, false, false), words).title).toBe("ann in #general");
    expect(notificationText(event(true, false, false), mots).title).toBe("ann dans #general");
  });
});
