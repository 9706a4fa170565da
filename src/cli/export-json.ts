// `cinelog export json --out BACKUP.zip`: a complete backup of the site (src/backup), with a
// progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import { BackupError } from "../backup/backup-format.ts";
import { exportBackup } from "../backup/export-backup.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog export json --out BACKUP.zip";

export async function exportJsonCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: "string" } },
    allowPositionals: true,
    strict: false,
  });
  const out = typeof values.out === "string" ? values.out : undefined;
  if (!out || positionals.length > 0) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const { config, db } = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  const draw = onTerminal ? progressBar(process.stderr) : undefined;
  try {
    const summary = await exportBackup(db, {
      out,
      mediaDir: config.mediaDir,
      ...(draw
        ? { onProgress: (p) => draw({ ...p, detail: `${p.done} of ${p.total} rows and files` }) }
        : {}),
    });
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.toText());
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof BackupError || code === "EACCES" || code === "ENOENT") {
      console.error(`Export failed: ${(error as Error).message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}
