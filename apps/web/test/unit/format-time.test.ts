import { describe, expect, it } from "vitest";

import { formatDay, formatRelative } from "~/features/messages/format-time";

const now = new Date(2026, 2, 12, 15, 30);
const ago = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

describe("message times", () => {
  it("reads relative while recent", () => {
    expect(formatRelative(ago(0.5), now, "en-GB")).toBe("just now");
    expect(formatRelative(ago(1), now, "en-GB")).toBe("1 minute ago");
    expect(formatRelative(ago(42), now, "en-GB")).toBe("42 minutes ago");
  });

  it("then by day, with the clock time", () => {
    expect(formatRelative(new Date(2026, 2, 12, 9, 5), now, "en-GB")).toBe("Today at 9:05");
    expect(formatRelative(new Date(2026, 2, 11, 23, 50), now, "en-GB")).toBe("Yesterday at 23:50");
    expect(formatRelative(new Date(2026, 1, 3, 8, 0), now, "en-GB")).toBe("03/02/2026 8:00");
  });

  it("labels day separators", () => {
    expect(formatDay(new Date(2026, 2, 12, 1), now, "en-GB")).toBe("Today");
    expect(formatDay(new Date(2026, 2, 11, 23), now, "en-GB")).toBe("Yesterday");
    expect(formatDay(new Date(2025, 11, 24), now, "en-GB")).toBe("24 December 2025");
  });
});
