// `cinelog export letterboxd [--out DIR]`: the reviews and film log as Letterboxd's import
// CSV (letterboxd-import-1.csv, -2.csv, … each under 1 MB), ready for letterboxd.com/import.
import path from "node:path";
import { parseArgs } from "node:util";
import { exportLetterboxd } from "../exporters/letterboxd/export-letterboxd.ts";
import { openCommandRuntime } from "../runtime.ts";
import { complain, say, type CliIo } from "./io.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog export letterboxd [--out DIR]";

export async function exportLetterboxdCommand(args: string[], io: CliIo): Promise<number> {
  let dir: string;
  try {
    const { values, positionals } = parseArgs({
      args,
      options: { out: { type: "string" } },
      allowPositionals: true,
    });
    if (positionals.length > 0) throw new Error(`unexpected ${positionals.join(" ")}`);
    dir = path.resolve(values.out ?? ".");
  } catch {
    complain(io, usage);
    return 2;
  }
  const { db } = await openCommandRuntime(io);
  const onTerminal = io.stderr.isTTY;
  try {
    const result = await exportLetterboxd(db, {
      dir,
      ...(onTerminal ? { onProgress: progressBar(io.stderr) } : {}),
    });
    if (onTerminal) io.stderr.write("\n");
    const files = result.files.map((f) => `  ${f}`).join("\n");
    say(io, `Exported ${result.rows} rows for Letterboxd to:\n${files}`);
    if (result.oversized > 0) {
      say(
        io,
        `${result.oversized} review(s) are longer than Letterboxd takes in one file; shorten them there.`,
      );
    }
    return 0;
  } catch (error) {
    if (onTerminal) io.stderr.write("\n");
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "ENOTDIR" || code === "EEXIST" || code === "EROFS") {
      complain(io, `Export failed: cannot write to ${dir} (${code}).`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}
