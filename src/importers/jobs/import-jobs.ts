// Imports started from the admin: one row per job, from the upload to its summary. Only one
// job may be queued or running at a time (the unique `active_lock`, so two owners pressing
// Import at once cannot both win, even on two app instances). The process running a job
// renews its heartbeat; a running job whose heartbeat stopped belonged to a process that
// died, and is marked failed the next time anyone looks, rather than spinning forever.
import type { Selectable } from "kysely";
import { z } from "zod";
import type { Db } from "../../db/connect.ts";
import type { ImportJobKind, ImportJobsTable, ImportJobStatus } from "../../db/schema.ts";
import type { ImportSummary, SkippedGroup } from "../import-summary.ts";
import { nowIso } from "../../domain/time.ts";

export type ImportJob = Selectable<ImportJobsTable>;

/** How often a running job renews its heartbeat, and how long a silent one is believed. */
export const heartbeatMs = 3_000;
export const staleAfterMs = 30_000;

/** What the job pages show of a finished import's summary. */
export interface StoredSummary {
  counts: [string, number][];
  skipped: SkippedGroup[];
  /** Items brought in not exactly as written, each listed (older jobs have none). */
  reported?: SkippedGroup[];
  /** The WordPress import's word-for-word check: posts compared, and those that changed. */
  fidelity?: { compared: number; changed: string[] } | undefined;
}

const storedSummarySchema = z.object({
  counts: z.array(z.tuple([z.string(), z.number()])),
  skipped: z.array(z.object({ why: z.string(), count: z.number(), examples: z.array(z.string()) })),
  reported: z
    .array(z.object({ why: z.string(), count: z.number(), examples: z.array(z.string()) }))
    .optional(),
  fidelity: z.object({ compared: z.number(), changed: z.array(z.string()) }).optional(),
});

export interface ImportProgress {
  done: number;
  total: number;
  detail?: string | undefined;
}

interface NewImportJob {
  kind: ImportJobKind;
  originalName: string;
  storedPath: string;
  createdBy: number;
}

/** The new job, queued; or undefined when another import is queued or running. */
export async function queueImportJob(db: Db, job: NewImportJob): Promise<ImportJob | undefined> {
  await failAbandonedImportJobs(db);
  const now = nowIso();
  return db.kysely
    .insertInto("import_jobs")
    .values({
      kind: job.kind,
      original_name: job.originalName.slice(0, 255),
      stored_path: job.storedPath,
      status: "queued",
      active_lock: "active",
      created_by: job.createdBy,
      created_at: now,
      heartbeat_at: now,
    })
    .onConflict((oc) => oc.column("active_lock").doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function importJob(db: Db, id: number): Promise<ImportJob | undefined> {
  return db.kysely.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst();
}

/** The job queued or running, if any. */
export async function activeImportJob(db: Db): Promise<ImportJob | undefined> {
  return db.kysely
    .selectFrom("import_jobs")
    .selectAll()
    .where("active_lock", "=", "active")
    .executeTakeFirst();
}

/** The latest jobs, newest first. */
export async function recentImportJobs(db: Db, limit = 50): Promise<ImportJob[]> {
  return db.kysely
    .selectFrom("import_jobs")
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}

export async function markImportRunning(db: Db, id: number): Promise<void> {
  const now = nowIso();
  await db.kysely
    .updateTable("import_jobs")
    .set({ status: "running", started_at: now, heartbeat_at: now })
    .where("id", "=", id)
    .where("status", "=", "queued")
    .execute();
}

/** Integers both databases store in an `integer` column. */
function clampInt(n: number): number {
  return Math.max(0, Math.min(2_147_483_647, Math.round(Number.isFinite(n) ? n : 0)));
}

export async function recordImportProgress(
  db: Db,
  id: number,
  progress: ImportProgress,
): Promise<void> {
  await db.kysely
    .updateTable("import_jobs")
    .set({
      progress_done: clampInt(progress.done),
      progress_total: clampInt(progress.total),
      progress_detail: (progress.detail ?? "").slice(0, 500),
      heartbeat_at: nowIso(),
    })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

export async function renewImportHeartbeat(db: Db, id: number): Promise<void> {
  await db.kysely
    .updateTable("import_jobs")
    .set({ heartbeat_at: nowIso() })
    .where("id", "=", id)
    .where("status", "=", "running")
    .execute();
}

export function storedSummaryOf(summary: ImportSummary): StoredSummary {
  return {
    counts: [...summary.counts],
    skipped: summary.skipped,
    reported: summary.reported,
    ...(summary.fidelity ? { fidelity: summary.fidelity } : {}),
  };
}

export async function finishImportJob(db: Db, id: number, summary: StoredSummary): Promise<void> {
  await endJob(db, id, "done", { summary: JSON.stringify(summary) });
}

export async function failImportJob(db: Db, id: number, error: string): Promise<void> {
  await endJob(db, id, "failed", { error: error.slice(0, 2000) });
}

async function endJob(
  db: Db,
  id: number,
  status: Extract<ImportJobStatus, "done" | "failed">,
  outcome: { summary?: string; error?: string },
): Promise<void> {
  await db.kysely
    .updateTable("import_jobs")
    .set({
      status,
      active_lock: null,
      stored_path: null,
      finished_at: nowIso(),
      ...(status === "done" ? { progress_done: (eb) => eb.ref("progress_total") } : {}),
      ...outcome,
    })
    .where("id", "=", id)
    .where("active_lock", "=", "active")
    .execute();
}

export const abandonedMessage =
  "The import stopped because the server running it was stopped or restarted. Nothing after its last step was imported: " +
  "upload the file again to finish (what was already imported is recognised and not duplicated).";

// The jobs this process is running, per database. A heartbeat can be late without the job
// being dead: on a loaded machine, or on SQLite while the import's own batches hold the write
// lock, its renewal may wait past `staleAfterMs`, and the job's page, sweeping, would then
// fail an import that is still running (seen in CI). The process running a job knows it is
// alive, so it never takes its own for abandoned; other processes still go by the heartbeat.
const runningHere = new WeakMap<Db, Set<number>>();

/** Records that this process runs job `id` until the returned function is called. */
export function holdImportJobHere(db: Db, id: number): () => void {
  const running = runningHere.get(db) ?? new Set<number>();
  runningHere.set(db, running);
  running.add(id);
  return () => running.delete(id);
}

/**
 * Marks failed the jobs whose process stopped renewing them; returns their uploads, which
 * nobody will read now and the caller may delete.
 */
export async function failAbandonedImportJobs(db: Db, now = Date.now()): Promise<string[]> {
  const staleBefore = new Date(now - staleAfterMs).toISOString();
  const running = runningHere.get(db);
  const abandoned = (
    await db.kysely
      .selectFrom("import_jobs")
      .select(["id", "stored_path"])
      .where("active_lock", "=", "active")
      .where((eb) => eb.or([eb("heartbeat_at", "is", null), eb("heartbeat_at", "<", staleBefore)]))
      .execute()
  ).filter((job) => !running?.has(job.id));
  for (const job of abandoned) await failImportJob(db, job.id, abandonedMessage);
  return abandoned.flatMap((job) => (job.stored_path ? [job.stored_path] : []));
}

export function summaryOfJob(job: ImportJob): StoredSummary | undefined {
  if (!job.summary) return undefined;
  try {
    return storedSummarySchema.parse(JSON.parse(job.summary));
  } catch {
    return undefined;
  }
}

/** A whole percentage, for the progress bar's label. */
export function percentOf(job: Pick<ImportJob, "status" | "progress_done" | "progress_total">) {
  if (job.status === "done") return 100;
  if (job.progress_total <= 0) return 0;
  return Math.min(100, Math.floor((job.progress_done / job.progress_total) * 100));
}

export interface ImportedReviewLink {
  id: number;
  title: string;
}

/** What a job brought in, by kind, and the first reviews of it: read from the import records. */
export async function importedByJob(
  db: Db,
  job: ImportJob,
  reviewLimit = 20,
): Promise<{ kinds: [string, number][]; reviews: ImportedReviewLink[] }> {
  if (!job.started_at || !job.finished_at) return { kinds: [], reviews: [] };
  // One import runs at a time, so what was recorded while this one ran is its own.
  const during = db.kysely
    .selectFrom("import_items")
    .where("imported_at", ">=", job.started_at)
    .where("imported_at", "<=", job.finished_at);
  const kinds = await during
    .select(["kind", (eb) => eb.fn.countAll<string | number>().as("n")])
    .groupBy("kind")
    .orderBy("kind")
    .execute();
  const reviews = await during
    .innerJoin("reviews", "reviews.id", "import_items.local_id")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select(["reviews.id", "films.title", "films.year"])
    .where("import_items.kind", "=", "review")
    .orderBy("import_items.id")
    .limit(reviewLimit)
    .execute();
  return {
    kinds: kinds.map((k) => [k.kind, Number(k.n)]),
    reviews: reviews.map((r) => ({ id: r.id, title: r.year ? `${r.title} (${r.year})` : r.title })),
  };
}
