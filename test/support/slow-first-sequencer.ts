// The order test files start in. Vitest 4 runs one project's files after another's
// (alphabetically: browser, cli, http, unit) and, within a project, the failed and then the
// longest files first when an earlier run left durations (node_modules/.vite), else the
// largest. The projects' order matters twice here:
// - a worker of an unisolated project (unit, http, browser) is kept for the next file only
//   when the next file in the queue belongs to the same project; files of one project must
//   therefore follow each other, or every file pays a new process, module graph and Chromium;
// - the longest files are small ones of the cli and browser projects (the CLI's first start
//   loading the demo for real, Chromium walking many pages), and one of them starting near
//   the end keeps the run going while the other workers sit idle.
// So the cli project starts first, then browser, then http, then unit (the shortest files,
// which fill the workers at the end), each project in vitest's own order.
import { BaseSequencer, type TestSpecification } from "vitest/node";

const projectOrder = ["cli", "browser", "http", "unit"];

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = projectOrder.indexOf(spec.project.name);
      return at === -1 ? projectOrder.length : at;
    };
    // Array.prototype.sort is stable: within a project, vitest's order stays.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
