// `cinelog import wordpress FILE.xml`: brings a WordPress export in, with a progress bar on a
// terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  commandFailureText,
  ImportFailed,
  importForCommand,
} from "../importers/worker/import-for-command.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog import wordpress FILE.xml [--uploads DIR] [--fetch-attachments]";

export async function importWordPressCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    // Fetching from the old site is a request to a third party: only when the owner asks.
    options: { uploads: { type: "string" }, "fetch-attachments": { type: "boolean" } },
    allowPositionals: true,
    strict: false,
  });
  const [file] = positionals;
  const uploadsDir = typeof values.uploads === "string" ? values.uploads : undefined;
  if (!file) {
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const runtime = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    // In a worker with a capped heap: see src/importers/worker/run-import.ts.
    const summary = await importForCommand(
      {
        kind: "wordpress",
        file,
        mediaDir: runtime.config.mediaDir,
        ...(uploadsDir ? { uploadsDir } : {}),
        fetchAttachments: values["fetch-attachments"] === true,
      },
      runtime,
      onTerminal ? progressBar(process.stderr) : undefined,
    );
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.text);
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof ImportFailed) {
      console.error(commandFailureText("Import", error));
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await runtime.db.close();
  }
}
