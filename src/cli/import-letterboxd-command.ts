// `cinelog import letterboxd EXPORT.zip`: brings a Letterboxd export in, with a progress bar
// on a terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { commandFailureReason, importForCommand } from "../importers/worker/import-for-command.ts";
import { fileCommand } from "./file-command.ts";

export const importLetterboxdCommand = fileCommand({
  usage: "Usage: cinelog import letterboxd EXPORT.zip",
  lenient: true,
  args: ({ positionals: [file, ...extra] }) => (file && extra.length === 0 ? file : undefined),
  async work({ args: file, runtime, progress }) {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand({ kind: "letterboxd", file }, runtime, progress);
    return [summary.text];
  },
  verb: "Import",
  knownFailure: commandFailureReason,
});
