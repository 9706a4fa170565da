// Prints the 15 slowest test files at the end of a run (collect + setup + tests, as Vitest
// measures each), so the next slowdown is seen the day it comes in, and the sum over all
// files: on a shared machine the wall-clock time varies with the load, the sum less so.
import type { Reporter, TestModule } from "vitest/node";

const shown = 15;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const timed = testModules
      .map((module) => {
        const { collectDuration, setupDuration, duration } = module.diagnostic();
        return { name: module.relativeModuleId, ms: collectDuration + setupDuration + duration };
      })
      .sort((a, b) => b.ms - a.ms);
    if (timed.length === 0) return;
    const lines = timed
      .slice(0, shown)
      .map((f) => `  ${(f.ms / 1000).toFixed(1).padStart(7)} s  ${f.name}`);
    const sum = timed.reduce((total, f) => total + f.ms, 0);
    process.stdout.write(
      `\nSlowest test files:\n${lines.join("\n")}\n` +
        `Sum of per-file durations: ${(sum / 1000).toFixed(1)} s over ${timed.length} files\n`,
    );
  }
}
