import type { BenchConfig } from "../lib/config";
import type { BenchResult } from "../lib/report";
import { fanout } from "./fanout";

export const benchmarks: Record<string, (config: BenchConfig) => Promise<BenchResult>> = {
  fanout,
};
