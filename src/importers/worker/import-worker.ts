// The process an import runs in (see run-import.ts): it opens its own connection to the
// database, runs the importer of the request's kind and reports back. Whatever the file does
// to it (a parser that throws from a stream callback, a heap that fills up), only this process
// ends; the server that started it keeps serving.
import { storedSummaryOf } from "../jobs/import-jobs.ts";
import { importBackup } from "../../backup/import-backup.ts";
import { connect, type Db } from "../../db/connect.ts";
import { settleAfterBulkLoad } from "../after-bulk-load.ts";
import type { ImportSummary } from "../import-summary.ts";
import { importLetterboxd } from "../letterboxd/import-letterboxd.ts";
import { importWordPress } from "../wordpress/import-wordpress.ts";
import type {
  IsolatedProgress,
  IsolatedSummary,
  WorkerInput,
  WorkerMessage,
} from "./import-protocol.ts";
import { failureOf } from "./import-failure.ts";

if (!process.send) throw new Error("import-worker.ts runs only as a child process (run-import.ts)");
const send = (message: WorkerMessage) => process.send!(message);

function summaryOf(summary: ImportSummary): IsolatedSummary {
  return { ...storedSummaryOf(summary), text: summary.toText() };
}

async function run(db: Db, input: WorkerInput): Promise<IsolatedSummary> {
  const { request, limits } = input;
  const onProgress = (progress: IsolatedProgress) => send({ type: "progress", progress });
  switch (request.kind) {
    case "wordpress":
      return summaryOf(
        await importWordPress(db, {
          file: request.file,
          mediaDir: request.mediaDir,
          ...(request.uploadsDir ? { uploadsDir: request.uploadsDir } : {}),
          fetchAttachments: request.fetchAttachments === true,
          limits,
          onProgress: (p) =>
            onProgress({
              done: p.bytesRead,
              total: p.totalBytes,
              detail: `${p.items.toLocaleString("en")} ${p.items === 1 ? "item" : "items"} read`,
            }),
        }),
      );
    case "letterboxd":
      return summaryOf(await importLetterboxd(db, { file: request.file, limits, onProgress }));
    case "json": {
      const summary = await importBackup(db, {
        file: request.file,
        mediaDir: request.mediaDir,
        limits,
        onCreated: (path) => send({ type: "created", path }),
        onProgress: (p) => onProgress({ ...p, detail: `${p.done} of ${p.total} rows and files` }),
      });
      return {
        counts: [
          ...summary.tables.map((t): [string, number] => [t.name, t.rows]),
          ["media files", summary.mediaFiles],
        ],
        skipped: [],
        text: summary.toText(),
      };
    }
  }
}

async function main(input: WorkerInput): Promise<void> {
  const db = connect(input.databaseUrl, { maxConnections: 2 });
  // Pages cached by the process that started the import drop what it changed at once.
  db.changes.subscribe((tags) => send({ type: "changes", tags: [...tags] }));
  try {
    const summary = await run(db, input);
    // The site is read through these indexes and statistics from now on; done means ready.
    await settleAfterBulkLoad(db);
    send({ type: "done", summary });
  } catch (error) {
    // What an import committed before it failed stays, and is read the same way.
    await settleAfterBulkLoad(db).catch(() => undefined);
    send({ type: "failed", failure: failureOf(error) });
  } finally {
    await db.close();
  }
}

process.once("message", (input: WorkerInput) => {
  // Uncaught errors still end the process, and the parent reads its exit; once the outcome is
  // sent, the channel closes so that the process ends when its work is done.
  void main(input).finally(() => process.disconnect());
});
