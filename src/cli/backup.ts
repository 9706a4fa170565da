// `cinelog backup --to DIR [--keep N]`: the scheduled backup (src/backup/scheduled-backup.ts),
// for a systemd timer or cron; exit code 0 only when a checked backup was written.
import { parseArgs } from "node:util";
import { BackupError } from "../backup/backup-format.ts";
import { runScheduledBackup } from "../backup/scheduled-backup.ts";
import { formatBytes } from "../backup/export-backup.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";

const usage = "Usage: cinelog backup --to DIR [--keep N]  (N: backups kept, 14 by default)";

export async function backupCommand(args: string[], io: CliIo): Promise<number> {
  let values: { to?: string | boolean; keep?: string | boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: { to: { type: "string" }, keep: { type: "string" } },
      allowPositionals: false,
      strict: true,
    }));
  } catch (error) {
    complain(io, `${(error as Error).message}\n${usage}`);
    return 2;
  }
  const keepText = typeof values.keep === "string" ? values.keep : "14";
  const keep = /^\d+$/.test(keepText) ? Number(keepText) : NaN;
  if (typeof values.to !== "string" || !values.to || !(keep >= 1 && keep <= 10000)) {
    complain(io, usage);
    return 2;
  }
  const { config, db } = await openCommandRuntime(io);
  try {
    const result = await runScheduledBackup(db, {
      dir: values.to,
      keep,
      mediaDir: config.mediaDir,
    });
    say(
      io,
      `Backup written and checked: ${result.file} (${formatBytes(result.bytes)}, ` +
        `${result.rows} rows, ${result.mediaFiles} media files).`,
    );
    for (const name of result.removed) say(io, `Removed old backup ${name}.`);
    return 0;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof BackupError || code === "EACCES" || code === "ENOENT") {
      complain(io, `Backup failed: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
