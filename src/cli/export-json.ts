// `cinelog export json --out BACKUP.zip`: a complete backup of the site (src/backup), with a
// progress bar on a terminal and a summary at the end.
import { BackupError } from "../backup/backup-format.ts";
import { exportBackup } from "../backup/export-backup.ts";
import { errorCode, fileCommand } from "./file-command.ts";

export const exportJsonCommand = fileCommand({
  usage: "Usage: cinelog export json --out BACKUP.zip",
  options: { out: { type: "string" } },
  lenient: true,
  args: ({ values: { out }, positionals }) =>
    typeof out === "string" && out && positionals.length === 0 ? out : undefined,
  async work({ args: out, runtime: { db, config }, progress }) {
    const summary = await exportBackup(db, {
      out,
      mediaDir: config.mediaDir,
      ...(progress
        ? {
            onProgress: (p) => progress({ ...p, detail: `${p.done} of ${p.total} rows and files` }),
          }
        : {}),
    });
    return [summary.toText()];
  },
  verb: "Export",
  knownFailure: (error) =>
    error instanceof BackupError || errorCode(error) === "EACCES" || errorCode(error) === "ENOENT"
      ? (error as Error).message
      : undefined,
});
