// `cinelog import json BACKUP.zip`: restores a backup made by `cinelog export json` into an
// empty site (src/backup), with a progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import {
  commandFailureText,
  ImportFailed,
  importForCommand,
} from "../importers/worker/import-for-command.ts";
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
  const runtime = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      { kind: "json", file, mediaDir: runtime.config.mediaDir },
      runtime,
      onTerminal ? progressBar(process.stderr) : undefined,
    );
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.text);
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof ImportFailed) {
      console.error(commandFailureText("Restore", error));
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await runtime.db.close();
  }
}
