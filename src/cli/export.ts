// `cinelog export KIND …`: one file per kind of export, chosen here and loaded only then.
import { complain, type CliIo } from "./io.ts";

export const exportUsage = `Usage:
  cinelog export wxr [--out FILE.xml]
  cinelog export letterboxd [--out DIR]
  cinelog export json --out BACKUP.zip
  cinelog export static DIR [--force] [--live URL]`;

export async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  switch (kind) {
    case "wxr":
      return (await import("./export-wxr-command.ts")).exportWxrCommand(rest, io);
    case "letterboxd":
      return (await import("./export-letterboxd-command.ts")).exportLetterboxdCommand(rest, io);
    case "json":
      return (await import("./export-json.ts")).exportJsonCommand(rest, io);
    case "static":
      return (await import("./export-static.ts")).exportStaticCommand(rest, io);
    default:
      complain(io, exportUsage);
      return 2;
  }
}
