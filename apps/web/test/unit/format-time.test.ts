import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";

import { formatDay, formatRelative } from "~/features/messages/format-time";

import en from "../../messages/en.json";
import fr from "../../messages/fr.json";

const now = new Date(2026, 2, 12, 15, 30);
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
const english = createTranslator({ locale: "en", messages: en, namespace: "messages.time" });
const french = createTranslator({ locale: "fr", messages: fr, namespace: "messages.time" });

describe("message times", () => {
  it("reads relative while recent", () => {
    expect(formatRelative(ago(0.5), now, "en-GB", english)).toBe("just now");
    expect(formatRelative(ago(1), now, "en-GB", english)).toBe("1 minute ago");
    expect(formatRelative(ago(42), now, "en-GB", english)).toBe("42 minutes ago");
  });

  it("then by day, with the clock time", () => {
    expect(formatRelative(new Date(2026, 2, 12, 9, 5), now, "en-GB", english)).toBe("Today at 9:05");
    expect(formatRelative(new Date(2026, 2, 11, 23, 50), now, "en-GB", english)).toBe("Yesterday at 23:50");
    expect(formatRelative(new Date(2026, 1, 3, 8, 0), now, "en-GB", english)).toBe("03/02/2026 8:00");
  });

  it("labels day separators", () => {
    expect(formatDay(new Date(2026, 2, 12, 1), now, "en-GB", english)).toBe("Today");
    expect(formatDay(new Date(2026, 2, 11, 23), now, "en-GB", english)).toBe("Yesterday");
    expect(formatDay(new Date(2025, 11, 24), now, "en-GB", english)).toBe("24 December 2025");
  });

  it("speaks French, plurals and all", () => {
    expect(formatRelative(ago(0.5), now, "fr", french)).toBe("à l’instant");
    expect(formatRelative(ago(1), now, "fr", french)).toBe("il y a 1 minute");
    expect(formatRelative(ago(42), now, "fr", french)).toBe("il y a 42 minutes");
    expect(formatRelative(new Date(2026, 2, 12, 9, 5), now, "fr", french)).toBe("Aujourd’hui à 9:05");
    expect(formatRelative(new Date(2026, 2, 11, 23, 50), now, "fr", french)).toBe("Hier à 23:50");
    expect(formatDay(new Date(2025, 11, 24), now, "fr", french)).toBe("24 décembre 2025");
  });
});
