import { defineConfig, mergeConfig } from "vitest/config";

import base from "@chat/vitest-config";

/** Files run one at a time: each starts the real app server, and Next.js allows one dev server per app folder. */
export default mergeConfig(base, defineConfig({ test: { fileParallelism: false } }));
