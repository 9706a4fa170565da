// Vitest global setup: the tests that spawn bin/cinelog.js should run the compiled CLI, as an
// installed copy does, so dist/ is rebuilt first when the sources changed since the last build
// (incremental: seconds). Without it bin/cinelog.js would compile through tsx on every spawn.
import { execFileSync } from "node:child_process";
import path from "node:path";
// @ts-expect-error: a plain ES module script without type declarations
import { distIsFresh } from "../../scripts/build-freshness.mjs";

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "../..");
  if ((distIsFresh as (root: string) => boolean)(root)) return;
  execFileSync(process.execPath, [path.join(root, "scripts/build.mjs")], { stdio: "inherit" });
}
