// What a command may touch of the outside world: its streams and its environment. The real
// process passes its own; tests pass collecting streams, so a command runs in-process with
// its output and exit code captured — no child process, no second compile.
import type { Readable, Writable } from "node:stream";
import type { Env } from "../config.ts";

/** A stream a command writes to; `isTTY` decides whether a progress bar is drawn. */
type OutStream = Writable & { isTTY?: boolean };

export interface CliIo {
  stdout: OutStream;
  stderr: OutStream;
  stdin: Readable;
  env: Env;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env };
}

/** Writes one line to standard output, as console.log would. */
export function say(io: CliIo, text: string): void {
  io.stdout.write(`${text}\n`);
}

/** Writes one line to standard error, as console.error would. */
export function complain(io: CliIo, text: string): void {
  io.stderr.write(`${text}\n`);
}

/**
 * A failure nobody planned for (a bug, a database gone): its message and exit code 1. The
 * stack, for a bug report, only with LOG_LEVEL=debug or trace; a user sees one line.
 */
export function unexpectedFailure(io: CliIo, error: unknown): number {
  const debugging = io.env.LOG_LEVEL === "debug" || io.env.LOG_LEVEL === "trace";
  const stack = debugging && error instanceof Error ? error.stack : undefined;
  complain(io, stack ?? (error instanceof Error ? error.message : String(error)));
  return 1;
}
