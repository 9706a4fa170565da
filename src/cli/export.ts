// `cinelog export KIND …`: one file per kind of export, chosen here.
import { exportJsonCommand } from "./export-json.ts";
import { exportLetterboxdCommand } from "./export-letterboxd.ts";
import { exportStaticCommand } from "./export-static.ts";
import { exportWxrCommand } from "./export-wxr.ts";

export const exportUsage = `Usage:
  cinelog export wxr [--out FILE.xml]
  cinelog export letterboxd [--out DIR]
  cinelog export json --out BACKUP.zip
  cinelog export static DIR [--force] [--live URL]`;

export async function exportCommand(args: string[]): Promise<void> {
  const [kind, ...rest] = args;
  switch (kind) {
    case "wxr":
      return exportWxrCommand(rest);
    case "letterboxd":
      return exportLetterboxdCommand(rest);
    case "json":
      return exportJsonCommand(rest);
    case "static":
      return exportStaticCommand(rest);
    default:
      console.error(exportUsage);
      process.exitCode = 2;
  }
}
