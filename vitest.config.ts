// One `npm test` runs four Vitest projects, each with the isolation it needs:
// unit (pure functions), http (the app over a real database) and browser (Chromium against a
// served site) each keep a worker process, and its module graph, for file after file of their
// own project; cli (the command, in-process and spawned) starts a process per file.
// Vitest 4 honours each project's `isolate` (3.2 took it from the root config and gave every
// file a process of its own), but keeps a worker only while the next file in the queue is of
// the same project: test/support/slow-first-sequencer.ts keeps each project's files together.
// See test/README.md for the layout and the figures.
import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/support/slow-first-sequencer.ts";

/** Files that touch no database, server, browser or child process of their own. */
const unitFiles = [
  "test/architecture/**/*.test.ts",
  "test/auth/identity-provider.test.ts",
  "test/comments/moderation-rules.test.ts",
  "test/content/**/*.test.ts",
  "test/exporters/static-site-paths.test.ts",
  "test/feeds/xml.test.ts",
  "test/importers/credit-line.test.ts",
  "test/importers/import-limits.test.ts",
  "test/importers/review-post.test.ts",
  "test/importers/wxr-reader.test.ts",
  "test/media/**/*.test.ts",
  "test/search/tokens.test.ts",
];
const browserFiles = ["test/browser/**/*.test.ts", "test/**/*-browser.test.ts"];
const cliFiles = ["test/cli/**/*.test.ts", "test/**/*-cli.test.ts"];

export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "hono/jsx" },
  test: {
    // Vitest's default on 2 cores is ONE worker (cores - 1). The tests spend most of their
    // time waiting — on PostgreSQL, Chromium, child processes, servers on loopback — (a whole
    // run used 220 s of CPU in 700 s of files), so four keep two cores busy.
    maxWorkers: 4,
    // Builds dist/ when stale, for the few tests that spawn the compiled CLI; migrates the
    // template databases every test file copies.
    globalSetup: ["test/support/build-once.ts", "test/support/templates-setup.ts"],
    reporters: ["default", "./test/support/slowest-files-reporter.ts"],
    // A clean clone knows no durations: the browser and CLI files, the longest, start first.
    sequence: { sequencer: SlowFirstSequencer },
    // Every test must check something: a test without an assertion fails.
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        // Unisolated: a worker process runs file after file with the modules it loaded once.
        test: { name: "unit", include: unitFiles, pool: "forks", isolate: false },
      },
      {
        extends: true,
        // Each file gets its own SQLite file and PostgreSQL database, so files may run in
        // parallel. State the app keeps lives in what createApp builds, not in modules, so a
        // worker loads the modules once for all its files (reloading them cost 1–5 s a file).
        test: {
          name: "http",
          include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
          exclude: [...unitFiles, ...browserFiles, ...cliFiles],
          pool: "forks",
          isolate: false,
        },
      },
      {
        extends: true,
        // One Chromium per worker process (test/support/browser.ts), a fresh context per file.
        test: { name: "browser", include: browserFiles, pool: "forks", isolate: false },
      },
      {
        extends: true,
        // Isolated, as before: a fresh process per file. Its files are few and long, mostly
        // waiting on the commands they spawn, and `serve` installs process-wide signal handlers.
        test: { name: "cli", include: cliFiles, pool: "forks", isolate: true },
      },
    ],
  },
});
