import { defineConfig } from "vitest/config";

/** Shared test settings: real databases and argon2 take time, so timeouts are generous; nothing is mocked. */
export default defineConfig({
  test: {
    env: { NODE_ENV: "test" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    include: ["test/**/*.test.ts"],
  },
});
