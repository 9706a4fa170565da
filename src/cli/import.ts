// `cinelog import wordpress FILE.xml`: brings a WordPress export in, with a progress bar on a
// terminal and a summary at the end. Safe to run again: what was imported is recognised.
import { parseArgs } from "node:util";
import {
  importWordPress,
  type WordPressImportProgress,
} from "../importers/wordpress/import-wordpress.ts";
import { WxrError } from "../importers/wordpress/wxr-types.ts";
import { openRuntime } from "../runtime.ts";

const usage = "Usage: cinelog import wordpress FILE.xml [--uploads DIR]";

function progressBar(stream: NodeJS.WriteStream): (p: WordPressImportProgress) => void {
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 100 && p.bytesRead < p.totalBytes) return;
    last = now;
    const share = p.totalBytes > 0 ? Math.min(1, p.bytesRead / p.totalBytes) : 1;
    const width = 30;
    const filled = Math.round(share * width);
    const bar = "#".repeat(filled) + ".".repeat(width - filled);
    stream.write(`\r[${bar}] ${Math.round(share * 100)}%  ${p.items} items`);
  };
}

export async function importCommand(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { uploads: { type: "string" } },
    allowPositionals: true,
    strict: false,
  });
  const [kind, file] = positionals;
  const uploadsDir = typeof values.uploads === "string" ? values.uploads : undefined;
  if (kind !== "wordpress" || !file) {
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
      ...(onTerminal ? { onProgress: progressBar(process.stderr) } : {}),
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
