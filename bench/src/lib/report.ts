import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

import type { BenchConfig } from "./config";

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

/** One line of progress, on stderr so that stdout stays the tables. */
export function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

/** Prints rows as a Markdown table (it pastes into bench/README.md as it is). */
export function printTable(title: string, rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: Cell | undefined) => (value === undefined || value === null ? "" : typeof value === "boolean" ? (value ? "yes" : "**no**") : String(value));
  const lines = [
    `| ${columns.join(" | ")} |`,
    `|${columns.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${columns.map((column) => cell(row[column])).join(" | ")} |`),
  ];
  const text = `\n### ${title}\n\n${lines.join("\n")}\n`;
  process.stdout.write(text);
  return text;
}

export function machine() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

export interface BenchResult {
  name: string;
  rows: Row[];
  /** Each target of the issue, and whether this run met it; `integrity` ones (nothing lost) are what the smoke test asserts. */
  targets: Array<{ target: string; met: boolean | null; detail: string; integrity?: boolean }>;
  notes?: string[];
  details?: unknown;
}

/** Prints the result and writes `<resultsDir>/<name>.json`. */
export function record(config: BenchConfig, result: BenchResult): void {
  printTable(`${result.name} (${config.mode}, ${config.scale})`, result.rows);
  if (result.targets.length > 0) {
    printTable(
      `${result.name}: targets`,
      result.targets.map((t) => ({ target: t.target, met: t.met === null ? "n/a" : t.met, detail: t.detail })),
    );
  }
  for (const note of result.notes ?? []) process.stdout.write(`- ${note}\n`);
  mkdirSync(config.resultsDir, { recursive: true });
  const file = path.join(config.resultsDir, `${result.name}.json`);
  const body = { ...result, mode: config.mode, scale: config.scale, flags: Object.fromEntries(config.flags), machine: machine(), at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
