/**
 * `pnpm bench [name ...] [--smoke] [--key=value ...]`: runs the named benchmarks (all without a
 * name) one after another, prints their tables and writes bench/results/<name>.json.
 */
import path from "node:path";

import { benchmarks } from "./benchmarks";
import { ensureWebBuild } from "./lib/build";
import { readConfig } from "./lib/config";
import { machine, record } from "./lib/report";
import { recentOutput } from "./lib/servers";

const config = readConfig(process.argv.slice(2), path.resolve(import.meta.dirname, "../results"));
const unknown = config.names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  process.stderr.write(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(benchmarks).join(", ")}\n`);
  process.exit(2);
}
const names = config.names.length > 0 ? config.names : Object.keys(benchmarks);
const m = machine();
process.stdout.write(`Chat RTC benchmarks: ${config.mode}, ${config.scale}; ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, node ${m.node}\n`);
process.stdout.write(`web app: ${config.web} server\n`);
/** Benchmarks that start no web app: a run of only these builds nothing. */
const withoutWeb = new Set(["upload"]);
if (config.web === "production" && !names.every((name) => withoutWeb.has(name))) ensureWebBuild(config.flags.has("build"));
let failed = false;
for (const name of names) {
  process.stderr.write(`\n▶ ${name}\n`);
  const started = Date.now();
  try {
    record(config, await benchmarks[name]!(config));
  } catch (error) {
    failed = true;
    process.stderr.write(`✗ ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.stderr.write(`${recentOutput()}\n`);
  }
  process.stderr.write(`  ${name} took ${Math.round((Date.now() - started) / 1000)} s\n`);
}
process.exit(failed ? 1 : 0);
