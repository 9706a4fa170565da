// CLI start-up: how long `cinelog --help` and `cinelog user add` take from a cold Node process,
// through bin/cinelog.js as an operator runs it (the compiled dist/ when it is current; run
// `npm run build` first). Prints the median and fastest of several runs of each; the machine's
// load shows in the spread, so compare the fastest figures.
//
//   npx tsx bench/cli-start.ts [--runs 7]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "7" } } });
const runs = Math.max(1, Number(values.runs));
const bin = path.resolve(import.meta.dirname, "../bin/cinelog.js");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-cli-bench-"));

function timeOf(args: string[], input = ""): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [bin, ...args], {
    input,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${path.join(dir, "bench.db")}`,
      LOG_LEVEL: "warn",
    },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed: ${String(result.stderr)}`);
  return ms;
}

function report(label: string, times: number[]): void {
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  console.log(
    `${label.padEnd(12)} median ${median.toFixed(0)} ms, fastest ${sorted[0]!.toFixed(0)} ms`,
  );
}

try {
  // The first `user add` creates and migrates the database: not part of the figure.
  timeOf(["migrate"]);
  report(
    "--help",
    Array.from({ length: runs }, () => timeOf(["--help"])),
  );
  report(
    "user add",
    Array.from({ length: runs }, (_, i) =>
      timeOf(
        ["user", "add", "--email", `bench${i}@example.com`, "--name", "B", "--password-stdin"],
        "a long enough secret\n",
      ),
    ),
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
