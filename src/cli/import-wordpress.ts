// `cinelog import wordpress FILE.xml`: brings a WordPress export in, with a progress bar on a
// terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  importWordPress,
  type WordPressImportProgress,
} from "../importers/wordpress/import-wordpress.ts";
import { WxrError } from "../importers/wordpress/wxr-types.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar, type Progress } from "./progress-bar.ts";

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
  const { config, db } = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    const summary = await importWordPress(db, {
      file,
      mediaDir: config.mediaDir,
      ...(uploadsDir ? { uploadsDir } : {}),
      fetchAttachments: values["fetch-attachments"] === true,
      ...(onTerminal ? { onProgress: wordpressProgress(progressBar(process.stderr)) } : {}),
    });
    if (onTerminal) process.stderr.write("\n");
    console.log(summary.toText());
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    if (error instanceof WxrError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      console.error(`Import failed: ${(error as Error).message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}

function wordpressProgress(draw: (p: Progress) => void) {
  return (p: WordPressImportProgress) =>
    draw({ done: p.bytesRead, total: p.totalBytes, detail: `${p.items} items` });
}
