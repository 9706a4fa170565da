// `cinelog export letterboxd [--out DIR]`: the reviews and film log as Letterboxd's import
// CSV (letterboxd-import-1.csv, -2.csv, … each under 1 MB), ready for letterboxd.com/import.
import path from "node:path";
import { parseArgs } from "node:util";
import { exportLetterboxd } from "../exporters/letterboxd/export-letterboxd.ts";
import { openRuntime } from "../runtime.ts";
import { progressBar } from "./progress-bar.ts";

const usage = "Usage: cinelog export letterboxd [--out DIR]";

export async function exportLetterboxdCommand(args: string[]): Promise<void> {
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
    console.error(usage);
    process.exitCode = 2;
    return;
  }
  const { db } = await openRuntime();
  const onTerminal = process.stderr.isTTY;
  try {
    const result = await exportLetterboxd(db, {
      dir,
      ...(onTerminal ? { onProgress: progressBar(process.stderr) } : {}),
    });
    if (onTerminal) process.stderr.write("\n");
    const files = result.files.map((f) => `  ${f}`).join("\n");
    console.log(`Exported ${result.rows} rows for Letterboxd to:\n${files}`);
    if (result.oversized > 0) {
      console.log(
        `${result.oversized} review(s) are longer than Letterboxd takes in one file; shorten them there.`,
      );
    }
  } catch (error) {
    if (onTerminal) process.stderr.write("\n");
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EACCES" || code === "ENOTDIR" || code === "EEXIST" || code === "EROFS") {
      console.error(`Export failed: cannot write to ${dir} (${code}).`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await db.close();
  }
}
