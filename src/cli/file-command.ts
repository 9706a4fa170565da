// The shape every import and export command shares, written once: read the arguments (or
// print the usage, exit 2), open the runtime, draw a progress bar on a terminal, do the work,
// print the summary, turn a failure the user can fix into "… failed: reason" (exit 1), and
// close the database whatever happened. A command declares only what differs.
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { openCommandRuntime, type Runtime } from "../runtime.ts";
import { complain, say, unexpectedFailure, type CliIo } from "./io.ts";
import { progressBar, type Progress } from "./progress-bar.ts";

interface FileCommandWork<A> {
  args: A;
  runtime: Runtime;
  io: CliIo;
  /** Draws the bar; absent when standard error is not a terminal (logs, pipes, tests). */
  progress: ((p: Progress) => void) | undefined;
}

interface FileCommand<A> {
  /** Printed on standard error, with exit code 2, when the arguments do not fit. */
  usage: string;
  options?: ParseArgsOptionsConfig;
  /** Unknown options are passed over instead of refused (the imports and `export json`). */
  lenient?: boolean;
  /** Whether the parser's own reason ("Unknown option '--x'") is printed above the usage. */
  explainParseErrors?: boolean;
  /** The command's arguments from what was parsed, or undefined when they do not fit. */
  args(parsed: { values: Record<string, unknown>; positionals: string[] }): A | undefined;
  /** When the data itself goes to standard output: no bar, and the summary goes to stderr. */
  dataOnStdout?(args: A): boolean;
  /** The work; resolves to the summary's lines. */
  work(context: FileCommandWork<A>): Promise<string[]>;
  /** "Import", "Export", "Restore": the start of the line that reports a known failure. */
  verb: string;
  /** The reason for a failure the user can fix, or undefined for anything else (a bug). */
  knownFailure(error: unknown, args: A): string | undefined;
}

type CommandFunction = (argv: string[], io: CliIo) => Promise<number>;

export function fileCommand<A>(command: FileCommand<A>): CommandFunction {
  return async (argv, io) => {
    const args = readArgs(command, argv, io);
    if (args === undefined) return 2;
    const toStdout = command.dataOnStdout?.(args) ?? false;
    const onTerminal = !toStdout && io.stderr.isTTY === true;
    // The bar leaves the cursor at the end of its line; what follows starts on a new one.
    const endBar = () => {
      if (onTerminal) io.stderr.write("\n");
    };
    let runtime: Runtime | undefined;
    try {
      runtime = await openCommandRuntime(io);
      const progress = onTerminal ? progressBar(io.stderr) : undefined;
      const summary = await command.work({ args, runtime, io, progress });
      endBar();
      for (const line of summary) (toStdout ? complain : say)(io, line);
      return 0;
    } catch (error) {
      if (runtime) endBar();
      const reason = command.knownFailure(error, args);
      if (reason === undefined) return unexpectedFailure(io, error);
      complain(io, `${command.verb} failed: ${reason}`);
      return 1;
    } finally {
      await runtime?.db.close();
    }
  };
}

function readArgs<A>(command: FileCommand<A>, argv: string[], io: CliIo): A | undefined {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: command.options ?? {},
      allowPositionals: true,
      strict: !command.lenient,
    });
  } catch (error) {
    const reason = command.explainParseErrors ? `${(error as Error).message}\n` : "";
    complain(io, `${reason}${command.usage}`);
    return undefined;
  }
  const args = command.args(parsed);
  if (args === undefined) complain(io, command.usage);
  return args;
}

/** The code of a failed system call (ENOENT, EACCES, …), if the error is one. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
