// Runs a queued import job in the background of this process: the importer of its kind over
// the uploaded file, in a child process with a capped heap (src/importers/worker), so that
// no file can take the server down with it; its progress written to the job's row (at most
// a few times a second, so a fast import is not slowed by its own bookkeeping), a heartbeat
// meanwhile so other processes know it is alive, and at the end the summary or the error.
// The upload is deleted however the job ends.
import { rm } from "node:fs/promises";
import type { Logger } from "pino";
import type { Db } from "../../db/connect.ts";
import type { ImportJobKind } from "../../db/schema.ts";
import type { ImportLimits } from "../../config/import-limits.ts";
import {
  ImportFailed,
  runImport,
  type ImportRequest,
  type IsolatedSummary,
} from "../worker/run-import.ts";
import {
  failImportJob,
  finishImportJob,
  heartbeatMs,
  holdImportJobHere,
  markImportRunning,
  recordImportProgress,
  renewImportHeartbeat,
  type ImportJob,
  type ImportProgress,
} from "./import-jobs.ts";

interface ImportRunContext {
  db: Db;
  mediaDir: string;
  logger: Logger;
  limits: ImportLimits;
}

function requestOf(kind: ImportJobKind, file: string, mediaDir: string): ImportRequest {
  return kind === "wordpress" ? { kind, file, mediaDir } : { kind, file };
}

/** An import that cannot go on for a reason its message explains to the owner. */
class ImportRefused extends Error {}

/** At most this often is progress written to the job row. */
const progressEveryMs = 250;

/**
 * Runs the job to its end; never rejects (a failure is recorded on the job). The returned
 * promise is for tests and shutdown; the web route does not wait for it.
 */
export async function runImportJob(context: ImportRunContext, job: ImportJob): Promise<void> {
  const { db, logger } = context;
  const file = job.stored_path;
  let writes: Promise<void> = Promise.resolve();
  // Writes are chained, so an older progress never lands after a newer one.
  const write = (work: () => Promise<void>) => {
    writes = writes.then(work).catch((error: unknown) => {
      logger.warn({ err: error, importJob: job.id }, "could not record import progress");
    });
  };
  const heartbeat = setInterval(() => write(() => renewImportHeartbeat(db, job.id)), heartbeatMs);
  heartbeat.unref();
  const release = holdImportJobHere(db, job.id);
  try {
    if (!file) throw new ImportRefused("The uploaded file is gone; upload it again.");
    await markImportRunning(db, job.id);
    let lastWrite = 0;
    let latest: ImportProgress | undefined;
    const onProgress = (progress: ImportProgress) => {
      latest = progress;
      const now = Date.now();
      if (now - lastWrite < progressEveryMs) return;
      lastWrite = now;
      write(() => recordImportProgress(db, job.id, progress));
    };
    if (!db.url)
      throw new ImportRefused("Imports need a database file or server, not one in memory.");
    const summary: IsolatedSummary = await runImport(requestOf(job.kind, file, context.mediaDir), {
      databaseUrl: db.url,
      limits: context.limits,
      onProgress,
      // What the worker changed is dropped from this process's page cache at once.
      onChanges: (tags) => db.changes.emit(tags),
    });
    if (latest) {
      const last = latest;
      write(() => recordImportProgress(db, job.id, last));
    }
    await writes;
    await removeUpload(file);
    await finishImportJob(db, job.id, {
      counts: summary.counts,
      skipped: summary.skipped,
      ...(summary.reported ? { reported: summary.reported } : {}),
      ...(summary.fidelity ? { fidelity: summary.fidelity } : {}),
    });
    logger.info({ importJob: job.id, kind: job.kind }, "import finished");
  } catch (error) {
    await writes;
    await removeUpload(file);
    const message = failureMessage(error);
    if (message === undefined) logger.error({ err: error, importJob: job.id }, "import failed");
    else logger.warn({ importJob: job.id, reason: message }, "import refused");
    await failImportJob(
      db,
      job.id,
      message ?? `The import stopped on an unexpected error: ${(error as Error).message}`,
    ).catch((err: unknown) => logger.error({ err, importJob: job.id }, "could not record failure"));
  } finally {
    clearInterval(heartbeat);
    release();
  }
}

/** Deleted before the job is marked ended, so an ended job never leaves its upload behind. */
async function removeUpload(file: string | null): Promise<void> {
  if (file) await rm(file, { force: true }).catch(() => undefined);
}

/** The owner-facing reason for a failure the file or its content explains; else undefined. */
function failureMessage(error: unknown): string | undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    return "The uploaded file is gone; upload it again.";
  }
  if (error instanceof ImportRefused) return error.message;
  if (error instanceof ImportFailed && error.reason !== "crash") return error.message;
  return undefined;
}
