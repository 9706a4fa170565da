// Table types for imports: what they brought in, old addresses, jobs run from the admin, and
// the Letterboxd film log. src/db/schema.ts gathers every table.
import type { Generated } from "kysely";

/** One record an import brought in (src/importers): re-running the import finds it here. */
export interface ImportItemsTable {
  id: Generated<number>;
  source: string;
  kind: string;
  external_id: string;
  local_id: number;
  imported_at: string;
}

/** An old address (say, a WordPress permalink) answered with a 301 to its new page. */
export interface RedirectsTable {
  from_path: string;
  to_path: string;
  created_at: string;
}

/** An import started from the admin and run in the background (migration 016). */
export type ImportJobKind = "wordpress" | "letterboxd";
export type ImportJobStatus = "queued" | "running" | "done" | "failed";

export interface ImportJobsTable {
  id: Generated<number>;
  kind: ImportJobKind;
  original_name: string;
  /** The uploaded file under the data directory; null once it has been deleted. */
  stored_path: string | null;
  status: ImportJobStatus;
  /** "active" while queued or running (unique: one import at a time), else null. */
  active_lock: "active" | null;
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  progress_detail: Generated<string>;
  /** JSON of the import's summary (src/domain/import-jobs.ts reads it). */
  summary: string | null;
  error: string | null;
  created_by: number | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  /** Renewed while the job runs; a stale one means the process running it died. */
  heartbeat_at: string | null;
}

/** A diary entry, watch, rating or like from a Letterboxd export (migration 017). */
export type FilmLogKind = "diary" | "watched" | "rating" | "like";

export interface FilmLogTable {
  id: Generated<number>;
  film_id: number;
  kind: FilmLogKind;
  watched_on: string | null;
  logged_on: string | null;
  /** 0–100, like reviews; null when unrated. */
  rating: number | null;
  rewatch: Generated<number>;
  liked: Generated<number>;
  /** Comma-separated tag names. */
  tags: Generated<string>;
  source: string;
  /** The entry's key at the source (a diary entry's address, or the film for the others). */
  source_key: string;
  created_at: string;
}
