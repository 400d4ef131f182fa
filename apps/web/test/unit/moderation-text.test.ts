import { describe, expect, it } from "vitest";

import { removalText } from "~/features/servers/removal-notice";
import { describeEntry } from "~/features/servers/settings/audit-tab";

describe("removal notice", () => {
  it("says who removed the user from where, with the ban's reason", () => {
    const removed = { type: "removed", serverId: "1", serverName: "Garden", banReason: null } as const;
    expect(removalText({ ...removed, reason: "kicked" })).toBe("You were kicked from Garden.");
    expect(removalText({ ...removed, reason: "banned" })).toBe("You were banned from Garden.");
    expect(removalText({ ...removed, reason: "banned", banReason: "spam" })).toBe("You were banned from Garden: spam");
  });
});

describe("audit log lines", () => {
  const entry = (action: Parameters<typeof describeEntry>[0]["action"], details = {}, target: { id: string; name: string | null } | null = { id: "2", name: "bob" }) => ({
    id: "9",
    action,
    actor: { id: "1", username: "ada" as string | null },
    target,
    details,
    createdAt: new Date(),
  });
  it("reads as a sentence", () => {
    expect(describeEntry(entry("member.ban", { reason: "spam" }))).toBe("ada banned bob (spam)");
    expect(describeEntry(entry("member.role", { from: "member", to: "admin" }))).toBe("ada changed the role of bob to admin");
    expect(describeEntry(entry("message.delete", {}, { id: "5", name: null }))).toBe("ada deleted a message");
    expect(describeEntry({ ...entry("channel.create", {}, { id: "3", name: "rules" }), actor: { id: "1", username: null } })).toBe(
      "A deleted account created channel rules",
    );
  });
});
