// The command line's way into an isolated import: the same worker as the admin's jobs, over
// the command's own database connection, with its failure as a line for the terminal.
import type { Config } from "../../config.ts";
import type { Db } from "../../db/connect.ts";
import {
  ImportFailed,
  runImport,
  type ImportRequest,
  type IsolatedProgress,
  type IsolatedSummary,
} from "./run-import.ts";

export async function importForCommand(
  request: ImportRequest,
  runtime: { config: Config; db: Db },
  onProgress?: (progress: IsolatedProgress) => void,
): Promise<IsolatedSummary> {
  if (!runtime.db.url) {
    throw new ImportFailed("Imports need a database file or server, not one in memory.", "refused");
  }
  return runImport(request, {
    databaseUrl: runtime.db.url,
    limits: runtime.config.importLimits,
    ...(onProgress ? { onProgress } : {}),
  });
}

/** The reason after "Import failed: ", with a bug's stack kept for whoever reports it. */
export function commandFailureReason(error: unknown): string | undefined {
  if (!(error instanceof ImportFailed)) return undefined;
  const detail = error.reason === "crash" && error.detail ? `\n${error.detail}` : "";
  return `${error.message}${detail}`;
}
