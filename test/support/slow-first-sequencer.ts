// The order test files start in. With durations from an earlier run (node_modules/.vite),
// vitest starts the failed and then the longest files first, which is right. On a clean clone,
// as in CI, it has none and starts the largest files first; but here the longest files are
// small ones of the browser and CLI projects (Chromium walking many pages, the CLI's first
// start loading the demo for real), and one of them starting near the end keeps the run going
// while the other workers sit idle. So while no duration is known, those two projects start
// first (CLI, then browser), each still in vitest's own order.
import path from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const startFirst = ["cli", "browser"];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const root = this.ctx.config.root;
    const known = sorted.some((spec) =>
      this.ctx.cache.getFileTestResults(
        `${spec.project.name}:${path.relative(root, spec.moduleId)}`,
      ),
    );
    if (known) return sorted;
    const rank = (spec: TestSpecification) => {
      const at = startFirst.indexOf(spec.project.name);
      return at === -1 ? startFirst.length : at;
    };
    // Array.prototype.sort is stable: within a rank, vitest's order stays.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
