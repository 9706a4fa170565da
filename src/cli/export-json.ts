// `cinelog export json --out BACKUP.zip`: a complete backup of the site (src/backup), with a
// progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import { BackupError } from "../backup/backup-format.ts";
import { exportBackup } from "../backup/export-backup.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog export json --out BACKUP.zip";

export async function exportJsonCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { out: { type: "string" } },
    allowPositionals: true,
    strict: false,
  });
  const out = typeof values.out === "string" ? values.out : undefined;
  if (!out || positionals.length > 0) {
    complain(io, usage);
    return 2;
  }
  const { config, db } = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  const draw = onTerminal ? progressBar(io.stderr) : undefined;
  try {
    const summary = await exportBackup(db, {
      out,
      mediaDir: config.mediaDir,
      ...(draw
        ? { onProgress: (p) => draw({ ...p, detail: `${p.done} of ${p.total} rows and files` }) }
        : {}),
    });
    if (onTerminal) io.stderr.write("\n");
    say(io, summary.toText());
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof BackupError || code === "EACCES" || code === "ENOENT") {
      complain(io, `Export failed: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
