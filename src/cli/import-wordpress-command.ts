// `cinelog import wordpress FILE.xml`: brings a WordPress export in, with a progress bar on a
// terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { commandFailureReason, importForCommand } from "../importers/worker/import-for-command.ts";
import { fileCommand } from "./file-command.ts";

export const importWordPressCommand = fileCommand({
  usage: "Usage: cinelog import wordpress FILE.xml [--uploads DIR] [--fetch-attachments]",
  // Fetching from the old site is a request to a third party: only when the owner asks.
  options: { uploads: { type: "string" }, "fetch-attachments": { type: "boolean" } },
  lenient: true,
  args: ({ values, positionals: [file] }) =>
    file
      ? {
          file,
          uploadsDir: typeof values.uploads === "string" ? values.uploads : undefined,
          fetchAttachments: values["fetch-attachments"] === true,
        }
      : undefined,
  async work({ args: { file, uploadsDir, fetchAttachments }, runtime, progress }) {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      {
        kind: "wordpress",
        file,
        mediaDir: runtime.config.mediaDir,
        ...(uploadsDir ? { uploadsDir } : {}),
        fetchAttachments,
      },
      runtime,
      progress,
    );
    return [summary.text];
  },
  verb: "Import",
  knownFailure: commandFailureReason,
});
