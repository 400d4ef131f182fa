import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { removalText } from "~/features/servers/removal-notice";
import { describeEntry } from "~/features/servers/settings/audit-tab";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const removal = (locale: "en" | "fr") => createTranslator({ locale, messages: locale === "en" ? en : fr, namespace: "servers.removal" });
const audit = (locale: "en" | "fr") => createTranslator({ locale, messages: locale === "en" ? en : fr, namespace: "servers.settings.audit" });

describe("removal notice", () => {
  const removed = { type: "removed", serverId: "1", serverName: "Garden", banReason: null } as const;

  it("says who removed the user from where, with the ban's reason", () => {
    const t = removal("en");
    expect(removalText({ ...removed, reason: "kicked" }, t)).toBe("You were kicked from Garden.");
    expect(removalText({ ...removed, reason: "banned" }, t)).toBe("You were banned from Garden.");
    expect(removalText({ ...removed, reason: "banned", banReason: "spam" }, t)).toBe("You were banned from Garden: spam");
  });

  it("says it in French", () => {
    const t = removal("fr");
    expect(removalText({ ...removed, reason: "kicked" }, t)).toBe("Vous avez été expulsé de Garden.");
    expect(removalText({ ...removed, reason: "banned", banReason: "spam" }, t)).toBe("Vous avez été banni de Garden\u00a0: spam");
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
    const t = audit("en");
    expect(describeEntry(entry("member.ban", { reason: "spam" }), t)).toBe("ada banned bob (spam)");
    expect(describeEntry(entry("member.role", { from: "member", to: "admin" }), t)).toBe("ada changed the role of bob to admin");
    expect(describeEntry(entry("message.delete", {}, { id: "5", name: null }), t)).toBe("ada deleted a message");
    expect(describeEntry({ ...entry("channel.create", {}, { id: "3", name: "rules" }), actor: { id: "1", username: null } }, t)).toBe(
      "A deleted account created channel rules",
    );
    expect(describeEntry(entry("channel.slowmode", { to: 0 }, { id: "3", name: "rules" }), t)).toBe("ada set the slowmode of rules to off");
    expect(describeEntry(entry("member.kick", {}, null), t)).toBe("ada kicked");
    const renamed = { name: { from: "blob", to: "blobby" } };
    expect(describeEntry(entry("emoji.rename", renamed, { id: "6", name: "blobby" }), t)).toBe("ada renamed an emoji to blobby");
    expect(describeEntry(entry("emoji.delete", {}, { id: "6", name: "blobby" }), t)).toBe("ada deleted emoji blobby");
  });

  it("reads as a French sentence, its words in French order", () => {
    const t = audit("fr");
    expect(describeEntry(entry("member.ban", { reason: "spam" }), t)).toBe("ada a banni bob (spam)");
    expect(describeEntry(entry("channel.slowmode", { to: 30 }, { id: "3", name: "règles" }), t)).toBe("ada a réglé le mode lent de règles sur 30\u00a0s");
    expect(describeEntry({ ...entry("role.create", {}, { id: "4", name: "Modo" }), actor: { id: "1", username: null } }, t)).toBe(
      "Un compte supprimé a créé le rôle Modo",
    );
    expect(describeEntry(entry("emoji.create", {}, { id: "6", name: "blob" }), t)).toBe("ada a ajouté l’émoji blob");
  });
});
