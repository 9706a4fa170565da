// `cinelog export wxr [--out FILE.xml]`: the site as a WordPress export, to a file or to
// standard output. Written as it is read; a file appears under its name only once whole.
import { open, rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { parseArgs } from "node:util";
import { exportWxr, type WxrExportProgress } from "../exporters/wxr/export-wxr.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar, type Progress } from "./progress-bar.ts";

const usage = "Usage: cinelog export wxr [--out FILE.xml]";

export async function exportWxrCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({ args, options: { out: { type: "string" } }, allowPositionals: false });
    } catch {
      return undefined;
    }
  })();
  if (!parsed || (parsed.values.out !== undefined && !parsed.values.out)) {
    complain(io, usage);
    return 2;
  }
  const outFile = parsed.values.out;
  const { config, db } = await openCommandRuntime(io);
  const onTerminal = Boolean(outFile) && io.stderr.isTTY;
  const partial = outFile ? `${outFile}.part` : undefined;
  try {
    // Opened before anything is written, so a folder that does not exist is a message.
    const out = partial ? (await open(partial, "w")).createWriteStream() : io.stdout;
    // A failed write (a full disk) rejects the wait for "drain" or for the end, not the process.
    out.on("error", () => {});
    const counts = await exportWxr(db, out, {
      siteUrl: config.siteUrl,
      ...(onTerminal ? { onProgress: wxrProgress(progressBar(io.stderr)) } : {}),
    });
    if (onTerminal) io.stderr.write("\n");
    const summary =
      `Exported ${counts.reviews} reviews, ${counts.stills} stills, ${counts.comments} comments ` +
      `(spam left out), ${counts.posts} posts and pages, and ${counts.series} series`;
    if (partial && outFile) {
      out.end();
      await finished(out);
      await rename(partial, outFile);
      say(io, `${summary} to ${outFile}.`);
    } else {
      complain(io, `${summary}.`);
    }
    return 0;
  } catch (error) {
    if (partial) await rm(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR") {
      complain(io, `Export failed: ${(error as Error).message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

function wxrProgress(draw: (p: Progress) => void) {
  return (p: WxrExportProgress) =>
    draw({
      done: p.done,
      total: p.total,
      detail: `${p.done} of ${p.total} reviews, posts and series`,
    });
}
