import base from "@chat/vitest-config";
import { mergeConfig } from "vitest/config";

/** Test files run one at a time: each starts the real app, and Next allows one dev server per app folder. */
export default mergeConfig(base, { test: { fileParallelism: false } });
