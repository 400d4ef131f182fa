import type { BenchConfig } from "../lib/config";
import type { BenchResult } from "../lib/report";
import { connections } from "./connections";
import { fanout } from "./fanout";
import { fanoutScaled } from "./fanout-scaled";
import { history } from "./history";
import { login } from "./login";
import { request } from "./request";
import { send } from "./send";
import { uploadMemory } from "./upload";

export const benchmarks: Record<string, (config: BenchConfig) => Promise<BenchResult>> = {
  fanout,
  "fanout-scaled": fanoutScaled,
  connections,
  history,
  send,
  login,
  request,
  upload: uploadMemory,
};
