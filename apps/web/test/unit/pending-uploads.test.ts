import { describe, expect, it } from "vitest";

import { MAX_FILES, type PendingFile, admit, fitBox, formatSize, pendingReducer, progressOf, readiness } from "~/features/attachments/pending";

const file = (key: string, patch: Partial<PendingFile> = {}): PendingFile => ({
  key,
  name: `${key}.png`,
  size: 1000,
  type: "image/png",
  preview: null,
  state: "uploading",
  loaded: 0,
  id: null,
  error: null,
  ...patch,
});

describe("pending uploads", () => {
  it("follows a file from added to uploaded", () => {
    let state = pendingReducer([], { type: "added", files: [file("a"), file("b")] });
    state = pendingReducer(state, { type: "created", key: "a", id: "101" });
    state = pendingReducer(state, { type: "progress", key: "a", loaded: 250 });
    expect(progressOf(state[0]!)).toBe(0.25);
    expect(readiness(state)).toBe("uploading");
    state = pendingReducer(state, { type: "uploaded", key: "a" });
    expect(state[0]).toMatchObject({ state: "done", loaded: 1000, id: "101" });
    expect(state[1]).toMatchObject({ state: "uploading", loaded: 0 });
  });

  it("is ready only when every file has arrived, and held back by one that failed", () => {
    const done = file("a", { state: "done", id: "1", loaded: 1000 });
    expect(readiness([])).toBe("none");
    expect(readiness([done])).toBe("ready");
    expect(readiness([done, file("b")])).toBe("uploading");
    const failed = pendingReducer([done, file("b")], { type: "failed", key: "b", error: "Too large" });
    expect(readiness(failed)).toBe("failed");
    expect(failed[1]?.error).toBe("Too large");
    expect(readiness(pendingReducer(failed, { type: "removed", key: "b" }))).toBe("ready");
    expect(pendingReducer(failed, { type: "cleared" })).toEqual([]);
  });

  it("admits up to ten files on a message and counts the rest as refused", () => {
    const eleven = Array.from({ length: 11 }, (_, index) => index);
    expect(MAX_FILES).toBe(10);
    expect(admit(0, eleven)).toEqual({ accepted: eleven.slice(0, 10), refused: 1 });
    expect(admit(9, [1, 2])).toEqual({ accepted: [1], refused: 1 });
    expect(admit(10, [1])).toEqual({ accepted: [], refused: 1 });
    expect(admit(3, [1, 2])).toEqual({ accepted: [1, 2], refused: 0 });
  });

  it("counts an empty file as sent once it is done", () => {
    expect(progressOf(file("a", { size: 0 }))).toBe(0);
    expect(progressOf(file("a", { size: 0, state: "done" }))).toBe(1);
  });
});

describe("file sizes", () => {
  it("reads in the reader's language, in steps of 1024", () => {
    expect(formatSize(1, "en")).toBe("1 byte");
    expect(formatSize(512, "en")).toBe("512 bytes");
    expect(formatSize(1536, "en")).toBe("1.5 kB");
    expect(formatSize(25 * 1024 * 1024, "en")).toBe("25 MB");
    expect(formatSize(150.4 * 1024, "en")).toBe("150 kB");
    // French puts a no-break space before the unit.
    expect(formatSize(1536, "fr")).toMatch(/^1,5\s+ko$/u);
    expect(formatSize(512, "fr")).toMatch(/^512\s+octets$/u);
  });
});

describe("image boxes", () => {
  it("scales down to 400 × 300 keeping the aspect, never up", () => {
    expect(fitBox(800, 600)).toEqual({ width: 400, height: 300 });
    expect(fitBox(1200, 400)).toEqual({ width: 400, height: 133 });
    expect(fitBox(300, 1200)).toEqual({ width: 75, height: 300 });
    expect(fitBox(64, 48)).toEqual({ width: 64, height: 48 });
    expect(fitBox(10_000, 1)).toEqual({ width: 400, height: 1 });
  });
});
