// The `cinelog` command's entry point: runs the command named on the command line against
// this process's streams and environment (see run.ts), and exits with its code.
import { processIo } from "./io.ts";
import { run } from "./run.ts";

process.exitCode = await run(process.argv.slice(2), processIo());
