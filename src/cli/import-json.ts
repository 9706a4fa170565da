// `cinelog import json BACKUP.zip`: restores a backup made by `cinelog export json` into an
// empty site (src/backup), with a progress bar on a terminal and a summary at the end.
import { parseArgs } from "node:util";
import {
  commandFailureText,
  ImportFailed,
  importForCommand,
} from "../importers/worker/import-for-command.ts";
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
  const runtime = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  try {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      { kind: "json", file, mediaDir: runtime.config.mediaDir },
      runtime,
      onTerminal ? progressBar(io.stderr) : undefined,
    );
    if (onTerminal) io.stderr.write("\n");
    say(io, summary.text);
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    if (error instanceof ImportFailed) {
      complain(io, commandFailureText("Restore", error));
      return 1;
    }
    throw error;
  } finally {
    await runtime.db.close();
  }
}
