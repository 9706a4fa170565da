// `cinelog import wordpress FILE.xml`: brings a WordPress export in, with a progress bar on a
// terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  importWordPress,
  type WordPressImportProgress,
} from "../importers/wordpress/import-wordpress.ts";
import { WxrError } from "../importers/wordpress/wxr-types.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar, type Progress } from "./progress-bar.ts";

const usage = "Usage: cinelog import wordpress FILE.xml [--uploads DIR] [--fetch-attachments]";

export async function importWordPressCommand(args: string[], io: CliIo): Promise<number> {
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
    complain(io, usage);
    return 2;
  }
  const { config, db } = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  try {
    const summary = await importWordPress(db, {
      file,
      mediaDir: config.mediaDir,
      ...(uploadsDir ? { uploadsDir } : {}),
      fetchAttachments: values["fetch-attachments"] === true,
      ...(onTerminal ? { onProgress: wordpressProgress(progressBar(io.stderr)) } : {}),
    });
    if (onTerminal) io.stderr.write("\n");
    say(io, summary.toText());
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    if (error instanceof WxrError || (error as NodeJS.ErrnoException).code === "ENOENT") {
      complain(io, `Import failed: ${(error as Error).message}`);
      return 1;
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
