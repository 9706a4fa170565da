import { defineConfig } from "vitest/config";

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    // Each file gets its own SQLite file and PostgreSQL schema, so files may run in parallel.
    pool: "forks",
    // Builds dist/ when stale, for the few tests that spawn the compiled CLI.
    globalSetup: ["test/support/build-once.ts", "test/support/templates-setup.ts"],
    reporters: ["default", "./test/support/slowest-files-reporter.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
