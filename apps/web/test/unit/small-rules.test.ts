import { describe, expect, it } from "vitest";

import { typingText } from "~/features/messages/typing-text";
import { groupMembers } from "~/features/members/group-members";
import { inviteCodeFrom } from "~/features/servers/invite";
import { can } from "~/lib/can";
import { safeNext } from "~/lib/safe-next";

describe("typing line", () => {
  it("names one or two people, then gives up counting", () => {
    expect(typingText([])).toBeNull();
    expect(typingText(["Alice"])).toBe("Alice is typing…");
    expect(typingText(["Alice", "Bob"])).toBe("Alice and Bob are typing…");
    expect(typingText(["Alice", "Bob", "Carol"])).toBe("Several people are typing…");
  });
});

describe("member list", () => {
  const member = (userId: string, username: string, role: "owner" | "admin" | "member") => ({ userId, username, role, joinedAt: new Date(), timedOutUntil: null, roleIds: [] });
  it("groups by role and lists the people online first", () => {
    const groups = groupMembers(
      [member("1", "zed", "member"), member("2", "amy", "member"), member("3", "olga", "owner"), member("4", "bo", "member")],
      (userId) => userId === "1",
    );
    expect(groups.map((group) => [group.label, group.members.map((m) => m.username)])).toEqual([
      ["Owner", ["olga"]],
      ["Members", ["zed", "amy", "bo"]],
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

describe("permissions in the client", () => {
  const owner = { userId: "1", role: "owner" as const };
  const admin = { userId: "2", role: "admin" as const };
  const member = { userId: "3", role: "member" as const };
  it("follows the API's table", () => {
    expect([owner, admin, member].map((person) => can("channel.create", person))).toEqual([true, true, false]);
    expect([owner, admin, member].map((person) => can("server.delete", person))).toEqual([true, false, false]);
    expect([owner, admin, member].map((person) => can("server.leave", person))).toEqual([false, true, true]);
    expect(can("channel.create", undefined)).toBe(false);
  });
  it("decides message deletion by its author", () => {
    expect(can("message.delete", member, { userId: "3", role: "member" })).toBe(true);
    expect(can("message.delete", member, { userId: "2", role: "admin" })).toBe(false);
    expect(can("message.delete", admin, { userId: "1", role: "owner" })).toBe(false);
    expect(can("message.delete", admin, { userId: null, role: null })).toBe(true);
  });
});
