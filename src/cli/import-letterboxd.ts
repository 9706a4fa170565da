// `cinelog import letterboxd EXPORT.zip`: brings a Letterboxd export in, with a progress bar
// on a terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import { importLetterboxd, LetterboxdError } from "../importers/letterboxd/import-letterboxd.ts";
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
  const { db } = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  try {
    const summary = await importLetterboxd(db, {
      file,
      ...(onTerminal ? { onProgress: progressBar(io.stderr) } : {}),
    });
    if (onTerminal) io.stderr.write("\n");
    say(io, summary.toText());
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    if (error instanceof LetterboxdError) {
      complain(io, `Import failed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
