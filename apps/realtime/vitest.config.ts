import { defineConfig, mergeConfig } from "vitest/config";

import base from "@chat/vitest-config";

export default mergeConfig(base, defineConfig({ test: { globalSetup: ["test/global-setup.ts"] } }));
