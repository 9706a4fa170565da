// `npm run check`: the two type checks, the linter and the formatter check, side by side.
// Each is one process that uses one core, and one after another they took 134 s on this 2-core
// machine (eslint alone 57 s of CPU: it type-checks to find floating promises), so running
// them at once roughly halves the wait in CI and before a commit. A task's output is printed
// whole when it ends, so the four never interleave; the check fails if any of them fails.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const tasks = [
  // src alone, without the DOM types the tests add: the server must not lean on browser globals.
  { name: "types (src)", command: bin("tsc"), args: ["--noEmit"] },
  { name: "types (test)", command: bin("tsc"), args: ["--noEmit", "-p", "test"] },
  { name: "lint", command: bin("eslint"), args: ["."] },
  { name: "format", command: bin("prettier"), args: ["--check", "."] },
];

function run(task) {
  const began = Date.now();
  return new Promise((resolve) => {
    const child = spawn(task.command, task.args, { cwd: root });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", (error) => resolve({ task, code: 1, output: String(error), began }));
    child.on("close", (code) => resolve({ task, code: code ?? 1, output, began }));
  }).then((result) => {
    const seconds = ((Date.now() - result.began) / 1000).toFixed(1);
    const verdict = result.code === 0 ? "passed" : `FAILED (exit ${result.code})`;
    console.log(`── ${task.name}: ${verdict} in ${seconds} s · ${task.args.join(" ")}`);
    if (result.output.trim()) console.log(result.output.trimEnd());
    return result.code;
  });
}

const codes = await Promise.all(tasks.map(run));
const failed = codes.filter((code) => code !== 0).length;
if (failed > 0) {
  console.error(`\nnpm run check: ${failed} of ${tasks.length} checks failed.`);
  process.exit(1);
}
console.log(`\nnpm run check: all ${tasks.length} checks passed.`);
