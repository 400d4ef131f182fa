import { defineConfig, mergeConfig } from "vitest/config";

import base from "@chat/vitest-config";

/** The smoke runs start real servers and client processes: one file at a time, with room to start. */
export default mergeConfig(base, defineConfig({ test: { fileParallelism: false, testTimeout: 300_000 } }));
