// `cinelog import KIND …`: one file per kind of import, chosen here.
import { importJsonCommand } from "./import-json.ts";
import { importLetterboxdCommand } from "./import-letterboxd.ts";
import { importWordPressCommand } from "./import-wordpress.ts";

export const importUsage = `Usage:
  cinelog import wordpress FILE.xml [--uploads DIR] [--fetch-attachments]
  cinelog import letterboxd EXPORT.zip
  cinelog import json BACKUP.zip`;

export async function importCommand(args: string[]): Promise<void> {
  const [kind, ...rest] = args;
  switch (kind) {
    case "wordpress":
      return importWordPressCommand(rest);
    case "letterboxd":
      return importLetterboxdCommand(rest);
    case "json":
      return importJsonCommand(rest);
    default:
      console.error(importUsage);
      process.exitCode = 2;
  }
}
