import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { afterEach, describe, expect, it } from "vitest";

import { loadAuthSecret } from "../src";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chat-secret-"));
  dirs.push(dir);
  return path.join(dir, "data");
}

describe("loadAuthSecret", () => {
  it("answers the configured secret and writes nothing", () => {
    const dir = dataDir();
    expect(loadAuthSecret({ secret: "s".repeat(40), dataDir: dir })).toBe("s".repeat(40));
    expect(() => statSync(dir)).toThrow();
  });

  it("without one, generates a secret once in the data folder, readable by its owner only", () => {
    const dir = dataDir();
    const first = loadAuthSecret({ dataDir: dir });
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(loadAuthSecret({ dataDir: dir })).toBe(first);
    expect(statSync(path.join(dir, "auth-secret")).mode & 0o777).toBe(0o600);
  });
});
