// `cinelog import letterboxd EXPORT.zip`: brings a Letterboxd export in, with a progress bar
// on a terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import { importLetterboxd, LetterboxdError } from "../importers/letterboxd/import-letterboxd.ts";
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
  const { db } = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    const summary = await importLetterboxd(db, {
      file,
      ...(onTerminal ? { onProgress: progressBar(process.stderr) } : {}),
    });
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.toText());
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof LetterboxdError) {
      console.error(`Import failed: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}
