// The `cinelog` command's entry point: runs the command named on the command line against
// this process's streams and environment (see run.ts), and exits with its code. `serve` first
// makes sure the process runs with its heap settings (heap-flags.ts), starting itself again
// with them when they were not given to Node.
import { heapFlagsToAdd, mallocEnvironmentToAdd, runAgainWithFlags } from "./heap-flags.ts";
import { processIo } from "./io.ts";
import { run } from "./run.ts";

const argv = process.argv.slice(2);

async function main(): Promise<number> {
  if ((argv[0] ?? "serve") !== "serve") return run(argv, processIo());
  const heap = heapFlagsToAdd(process.env, process.execArgv);
  if ("problem" in heap) {
    process.stderr.write(`${heap.problem}\n`);
    return 2;
  }
  const malloc = mallocEnvironmentToAdd(process.env);
  if ("problem" in malloc) {
    process.stderr.write(`${malloc.problem}\n`);
    return 2;
  }
  if (heap.flags.length > 0 || Object.keys(malloc.environment).length > 0) {
    return runAgainWithFlags(heap.flags, malloc.environment);
  }
  return run(argv, processIo());
}

process.exitCode = await main();
