// `cinelog import json BACKUP.zip`: restores a backup made by `cinelog export json` into an
// empty site (src/backup), with a progress bar on a terminal and a summary at the end.
import { commandFailureReason, importForCommand } from "../importers/worker/import-for-command.ts";
import { fileCommand } from "./file-command.ts";

export const importJsonCommand = fileCommand({
  usage: "Usage: cinelog import json BACKUP.zip",
  lenient: true,
  args: ({ positionals: [file, ...extra] }) => (file && extra.length === 0 ? file : undefined),
  async work({ args: file, runtime, progress }) {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      { kind: "json", file, mediaDir: runtime.config.mediaDir },
      runtime,
      progress,
    );
    return [summary.text];
  },
  verb: "Restore",
  knownFailure: commandFailureReason,
});
