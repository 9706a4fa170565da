// Prints the 15 slowest test files at the end of a run (collect + setup + tests, as Vitest
// measures each), so the next slowdown is seen the day it comes in.
import type { Reporter, RunnerTestFile } from "vitest/node";

const shown = 15;

export default class SlowestFilesReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []): void {
    const timed = files
      .map((file) => ({
        name: file.name,
        ms: (file.collectDuration ?? 0) + (file.setupDuration ?? 0) + (file.result?.duration ?? 0),
      }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, shown);
    if (timed.length === 0) return;
    const lines = timed.map((f) => `  ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.name}`);
    process.stdout.write(`\nSlowest test files:\n${lines.join("\n")}\n`);
  }
}
