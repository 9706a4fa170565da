// `cinelog export letterboxd [--out DIR]`: the reviews and film log as Letterboxd's import
// CSV (letterboxd-import-1.csv, -2.csv, … each under 1 MB), ready for letterboxd.com/import.
import path from "node:path";
import { exportLetterboxd } from "../exporters/letterboxd/export-letterboxd.ts";
import { errorCode, fileCommand } from "./file-command.ts";

/** A folder that cannot be written to: the user's to fix, not a bug. */
const unwritable = new Set(["EACCES", "ENOTDIR", "EEXIST", "EROFS"]);

export const exportLetterboxdCommand = fileCommand({
  usage: "Usage: cinelog export letterboxd [--out DIR]",
  options: { out: { type: "string" } },
  args: ({ values: { out }, positionals }) =>
    positionals.length === 0 ? path.resolve((out as string | undefined) ?? ".") : undefined,
  async work({ args: dir, runtime: { db }, progress }) {
    const result = await exportLetterboxd(db, {
      dir,
      ...(progress ? { onProgress: progress } : {}),
    });
    const files = result.files.map((f) => `  ${f}`).join("\n");
    const lines = [`Exported ${result.rows} rows for Letterboxd to:\n${files}`];
    if (result.oversized > 0) {
      lines.push(
        `${result.oversized} review(s) are longer than Letterboxd takes in one file; shorten them there.`,
      );
    }
    return lines;
  },
  verb: "Export",
  knownFailure: (error, dir) => {
    const code = errorCode(error);
    return code && unwritable.has(code) ? `cannot write to ${dir} (${code}).` : undefined;
  },
});
