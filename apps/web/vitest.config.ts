import { defineConfig } from "vitest/config";

import base from "@chat/vitest-config";

const shared = base.test;

/**
 * Three kinds of tests: `unit` (pure modules and components in happy-dom), `http` (the API through
 * one shared production server) and `e2e` (real Chromium against a production server of its own).
 */
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    projects: [
      { extends: true, test: { ...shared, name: "unit", include: ["test/unit/**/*.test.{ts,tsx}"], environment: "happy-dom" } },
      {
        extends: true,
        test: {
          ...shared,
          name: "http",
          include: ["test/**/*.test.ts"],
          exclude: ["test/unit/**", "test/e2e/**", "**/node_modules/**"],
          globalSetup: ["test/global-setup.ts"],
        },
      },
      { extends: true, test: { ...shared, name: "e2e", include: ["test/e2e/**/*.test.ts"] } },
    ],
  },
});
