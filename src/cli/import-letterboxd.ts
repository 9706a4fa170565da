// `cinelog import letterboxd EXPORT.zip`: brings a Letterboxd export in, with a progress bar
// on a terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  commandFailureText,
  ImportFailed,
  importForCommand,
} from "../importers/worker/import-for-command.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog import letterboxd EXPORT.zip";

export async function importLetterboxdCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: false });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const runtime = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      { kind: "letterboxd", file },
      runtime,
      onTerminal ? progressBar(process.stderr) : undefined,
    );
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.text);
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof ImportFailed) {
      console.error(commandFailureText("Import", error));
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await runtime.db.close();
  }
}
