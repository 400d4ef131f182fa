/**
 * Every resolved version of the packages that face the network is at or above the release that
 * fixed its last known advisory (the floors named in the realtime issue, and Next.js's). This
 * holds offline; `.ci/run` also runs `pnpm audit --prod` against the registry's advisories.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { describe, expect, it } from "vitest";

const lockfile = readFileSync(path.resolve(import.meta.dirname, "../../../../pnpm-lock.yaml"), "utf8");

const floors: Record<string, string> = {
  "@trpc/server": "11.8.0",
  "@trpc/client": "11.8.0",
  ws: "8.21.1",
  next: "16.0.7",
  jose: "6.0.0",
};

/** The versions of `name` the lockfile resolves, from its `packages:` keys (`  name@1.2.3:` or `  'name@1.2.3(peer...)':`). */
function resolvedVersions(name: string): string[] {
  const escaped = name.replace(/[/.]/g, "\\$&");
  const pattern = new RegExp(`^  '?${escaped}@(\\d+\\.\\d+\\.\\d+)[(':]`, "gm");
  return [...new Set([...lockfile.matchAll(pattern)].map((match) => match[1]!))];
}

const atLeast = (version: string, floor: string) => {
  const [a, b] = [version, floor].map((v) => v.split(".").map(Number)) as [number[], number[]];
  for (let i = 0; i < 3; i++) if (a[i]! !== b[i]!) return a[i]! > b[i]!;
  return true;
};

describe("dependency floors", () => {
  it.each(Object.entries(floors))("%s resolves at or above %s", (name, floor) => {
    const versions = resolvedVersions(name);
    expect(versions.length, `${name} is not in the lockfile`).toBeGreaterThan(0);
    for (const version of versions) expect(atLeast(version, floor), `${name}@${version} < ${floor}`).toBe(true);
  });
});
