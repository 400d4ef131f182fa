/**
 * Every benchmark once with small sizes (BENCH_SCALE=smoke): it must run end to end and deliver
 * every message; times are not asserted (a shared CI machine decides those). The results go to a
 * temporary folder, not over the recorded ones.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

import { describe, expect, it } from "vitest";

import { benchmarks } from "../src/benchmarks";
import { readConfig } from "../src/lib/config";
import { record } from "../src/lib/report";

const config = { ...readConfig(["--smoke"], ""), resultsDir: mkdtempSync(path.join(tmpdir(), "chat-bench-smoke-")) };

describe.each(Object.keys(benchmarks))("%s (smoke)", (name) => {
  it("runs and loses nothing", async () => {
    const result = await benchmarks[name]!(config);
    record(config, result);
    expect(result.rows.length).toBeGreaterThan(0);
    const integrity = result.targets.filter((t) => t.integrity);
    if (name !== "fanout-scaled" || config.mode === "postgres+redis") expect(integrity.length).toBeGreaterThan(0);
    for (const target of integrity) expect(target, target.detail).toMatchObject({ met: true });
  });
});
