// `cinelog import json BACKUP.zip`: restores a backup made by `cinelog export json` into an
// empty site (src/backup), with a progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import { BackupError } from "../backup/backup-format.ts";
import { importBackup } from "../backup/import-backup.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog import json BACKUP.zip";

export async function importJsonCommand(args: string[]): Promise<void> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: false });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const { config, db } = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  const draw = onTerminal ? progressBar(process.stderr) : undefined;
  try {
    const summary = await importBackup(db, {
      file,
      mediaDir: config.mediaDir,
      ...(draw
        ? { onProgress: (p) => draw({ ...p, detail: `${p.done} of ${p.total} rows and files` }) }
        : {}),
    });
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.toText());
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof BackupError) {
      console.error(`Restore failed: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}
