// What passes between an import's worker and the process that started it: the request going
// in, and progress, change notices, created files and the outcome coming back. Plain data
// only (structured clone), so no class crosses the thread boundary.
import type { StoredSummary } from "../jobs/import-jobs.ts";
import type { ImportLimits } from "../../config/import-limits.ts";

export type ImportRequest =
  | {
      kind: "wordpress";
      file: string;
      mediaDir: string;
      uploadsDir?: string;
      fetchAttachments?: boolean;
    }
  | { kind: "letterboxd"; file: string }
  | { kind: "json"; file: string; mediaDir: string };

export interface WorkerInput {
  request: ImportRequest;
  /** How the worker reaches the same database (src/db/connect.ts `url`). */
  databaseUrl: string;
  limits: ImportLimits;
}

export interface IsolatedProgress {
  done: number;
  total: number;
  detail?: string;
}

/** An import's outcome as the admin stores it and the command prints it. */
/** What the admin job stores (counts, skips, reported items, the fidelity check) and the text. */
export interface IsolatedSummary extends StoredSummary {
  text: string;
}

/** Why an import failed, as the worker judged it. */
export interface WorkerFailure {
  /** The file or the site explains it (a refusal); otherwise it is a bug to log. */
  expected: boolean;
  message: string;
  code?: string;
  stack?: string;
}

export type WorkerMessage =
  | { type: "progress"; progress: IsolatedProgress }
  | { type: "changes"; tags: string[] }
  | { type: "created"; path: string }
  | { type: "done"; summary: IsolatedSummary }
  | { type: "failed"; failure: WorkerFailure };
