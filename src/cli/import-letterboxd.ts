// `cinelog import letterboxd EXPORT.zip`: brings a Letterboxd export in, with a progress bar
// on a terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  commandFailureText,
  ImportFailed,
  importForCommand,
} from "../importers/worker/import-for-command.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog import letterboxd EXPORT.zip";

export async function importLetterboxdCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: false });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    complain(io, usage);
    return 2;
  }
  const runtime = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  try {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      { kind: "letterboxd", file },
      runtime,
      onTerminal ? progressBar(io.stderr) : undefined,
    );
    if (onTerminal) io.stderr.write("\n");
    say(io, summary.text);
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    if (error instanceof ImportFailed) {
      complain(io, commandFailureText("Import", error));
      return 1;
    }
    throw error;
  } finally {
    await runtime.db.close();
  }
}
