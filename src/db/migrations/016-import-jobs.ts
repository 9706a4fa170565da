// Imports started from the admin (WordPress, Letterboxd) run in the background of the app
// process; this table is what their pages read: the status, how far along, and the summary.
//
// - active_lock is "active" while a job is queued or running and null otherwise. Its unique
//   index lets only one import run at a time, across every app instance sharing the
//   database, without a read-then-write race (two nulls never clash).
// - heartbeat_at is renewed every few seconds by the process running the job; a running
//   job whose heartbeat has stopped belonged to a process that died, and is marked failed.
import type { Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { idColumn } from "./columns.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const id = idColumn(dialect);
  await db.schema
    .createTable("import_jobs")
    .addColumn("id", id.type, id.build)
    /** `wordpress` or `letterboxd`. */
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("original_name", "text", (c) => c.notNull())
    /** The upload under the data directory; null once deleted (when the job ends). */
    .addColumn("stored_path", "text")
    /** queued, running, done, failed */
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("active_lock", "text", (c) => c.unique())
    .addColumn("progress_done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_total", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("progress_detail", "text", (c) => c.notNull().defaultTo(""))
    /** JSON: the counts and skipped groups of the import's summary (src/domain/import-jobs.ts). */
    .addColumn("summary", "text")
    .addColumn("error", "text")
    .addColumn("created_by", "integer", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("started_at", "text")
    .addColumn("finished_at", "text")
    .addColumn("heartbeat_at", "text")
    .execute();
  await db.schema
    .createIndex("import_jobs_created")
    .on("import_jobs")
    .column("created_at")
    .execute();
}
