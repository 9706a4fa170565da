// `cinelog export wxr [--out FILE.xml]`: the site as a WordPress export, to a file or to
// standard output. Written as it is read; a file appears under its name only once whole.
import { open, rename, rm } from "node:fs/promises";
import { finished } from "node:stream/promises";
import { exportWxr } from "../exporters/wxr/export-wxr.ts";
import { errorCode, fileCommand } from "./file-command.ts";

/** A folder that does not exist or cannot be written: the user's to fix, not a bug. */
const unwritable = new Set(["ENOENT", "EACCES", "EISDIR"]);

export const exportWxrCommand = fileCommand({
  usage: "Usage: cinelog export wxr [--out FILE.xml]",
  options: { out: { type: "string" } },
  args: ({ values: { out }, positionals }) =>
    positionals.length === 0 && out !== "" ? { outFile: out as string | undefined } : undefined,
  dataOnStdout: ({ outFile }) => !outFile,
  async work({ args: { outFile }, runtime: { db, config }, io, progress }) {
    const partial = outFile ? `${outFile}.part` : undefined;
    try {
      // Opened before anything is written, so a folder that does not exist is a message.
      const out = partial ? (await open(partial, "w")).createWriteStream() : io.stdout;
      // A failed write (a full disk) rejects the wait for "drain" or for the end, not the process.
      out.on("error", () => {});
      const counts = await exportWxr(db, out, {
        siteUrl: config.siteUrl,
        ...(progress
          ? {
              onProgress: (p) =>
                progress({ ...p, detail: `${p.done} of ${p.total} reviews, posts and series` }),
            }
          : {}),
      });
      const summary =
        `Exported ${counts.reviews} reviews, ${counts.stills} stills, ${counts.comments} comments ` +
        `(spam left out), ${counts.posts} posts and pages, and ${counts.series} series`;
      if (!partial || !outFile) return [`${summary}.`];
      out.end();
      await finished(out);
      await rename(partial, outFile);
      return [`${summary} to ${outFile}.`];
    } catch (error) {
      if (partial) await rm(partial, { force: true });
      throw error;
    }
  },
  verb: "Export",
  knownFailure: (error) =>
    unwritable.has(errorCode(error) ?? "") ? (error as Error).message : undefined,
});
