// `cinelog import json BACKUP.zip`: restores a backup made by `cinelog export json` into an
// empty site (src/backup), with a progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import { BackupError } from "../backup/backup-format.ts";
import { importBackup } from "../backup/import-backup.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog import json BACKUP.zip";

export async function importJsonCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: false });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    complain(io, usage);
    return 2;
  }
  const { config, db } = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  const draw = onTerminal ? progressBar(io.stderr) : undefined;
  try {
    const summary = await importBackup(db, {
      file,
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
    if (error instanceof BackupError) {
      complain(io, `Restore failed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
