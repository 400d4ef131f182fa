import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { typingText } from "~/features/messages/typing-text";
import { groupMembers } from "~/features/members/group-members";
import { inviteCodeFrom } from "~/features/servers/invite";
import { safeNext } from "~/lib/safe-next";

import en from "../../messages/en.json";

describe("typing line", () => {
  it("names one or two people, then gives up counting", () => {
    const t = createTranslator({ locale: "en", messages: en, namespace: "messages.typing" });
    expect(typingText([], t)).toBeNull();
    expect(typingText(["Alice"], t)).toBe("Alice is typing…");
    expect(typingText(["Alice", "Bob"], t)).toBe("Alice and Bob are typing…");
    expect(typingText(["Alice", "Bob", "Carol"], t)).toBe("Several people are typing…");
  });
});

describe("member list", () => {
  const member = (userId: string, username: string, role: "owner" | "admin" | "member") => ({
    userId,
    username,
    displayName: null,
    avatarUrl: null,
    nickname: null as string | null,
    role,
    joinedAt: new Date(),
    timedOutUntil: null,
    roleIds: [],
  });
  const roles = [
    { id: "10", name: "Mods", hoist: true },
    { id: "11", name: "Crew", hoist: false },
    { id: "12", name: "Helpers", hoist: true },
    { id: "1", name: "@everyone", hoist: false },
  ];
  it("puts people online under their highest hoisted role, then the others online, then everyone offline, by the name they go by", () => {
    const groups = groupMembers(
      [
        { ...member("1", "zed", "member"), roleIds: ["10", "12"] },
        { ...member("2", "amy", "member"), roleIds: ["12"] },
        { ...member("3", "olga", "owner"), roleIds: ["11"] },
        { ...member("4", "bo", "member"), nickname: "Zara" },
        { ...member("5", "cy", "member"), roleIds: ["10"] },
      ],
      roles,
      (userId) => userId !== "5",
      { online: "Online", offline: "Offline" },
    );
    expect(groups.map((group) => [group.label, group.members.map((m) => m.username)])).toEqual([
      ["Mods", ["zed"]],
      ["Helpers", ["amy"]],
      ["Online", ["olga", "bo"]],
      ["Offline", ["cy"]],
    ]);
  });
});

describe("invites", () => {
  it("accepts a bare code or a whole link", () => {
    expect(inviteCodeFrom("  hTKzmak9Qz ")).toBe("hTKzmak9Qz");
    expect(inviteCodeFrom("https://chat.example.com/invite/hTKzmak9Qz")).toBe("hTKzmak9Qz");
    expect(inviteCodeFrom("http://localhost:3000/invite/abcDEF1234?x=1")).toBe("abcDEF1234");
  });
});

describe("after login", () => {
  it("returns only to a path on this site", () => {
    expect(safeNext("/channels/1/2")).toBe("/channels/1/2");
    expect(safeNext("https://evil.example")).toBe("/channels");
    expect(safeNext("//evil.example")).toBe("/channels");
    expect(safeNext("/\\evil.example")).toBe("/channels");
    expect(safeNext(undefined)).toBe("/channels");
  });
});
