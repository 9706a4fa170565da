// `cinelog import KIND …`: one file per kind of import, chosen here and loaded only then.
import { complain, type CliIo } from "./io.ts";

export const importUsage = `Usage:
  cinelog import wordpress FILE.xml [--uploads DIR] [--fetch-attachments]
  cinelog import letterboxd EXPORT.zip
  cinelog import json BACKUP.zip`;

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const [kind, ...rest] = args;
  switch (kind) {
    case "wordpress":
      return (await import("./import-wordpress-command.ts")).importWordPressCommand(rest, io);
    case "letterboxd":
      return (await import("./import-letterboxd-command.ts")).importLetterboxdCommand(rest, io);
    case "json":
      return (await import("./import-json.ts")).importJsonCommand(rest, io);
    default:
      complain(io, importUsage);
      return 2;
  }
}
