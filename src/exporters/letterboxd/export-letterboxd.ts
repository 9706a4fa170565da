// `cinelog export letterboxd`: the site's reviews and film log as Letterboxd's import CSV,
// split into files Letterboxd accepts (under 1 MB each), read from the database a page at
// a time.
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../../domain/time.ts";
import { SplitCsvWriter, type SplitCsvResult } from "./csv-files.ts";
import { diaryRows, filmOnlyRows, reviewRows } from "./export-rows.ts";
import { letterboxdColumns, type LetterboxdRow } from "./letterboxd-columns.ts";

interface LetterboxdExportOptions {
  dir: string;
  /** Defaults to 1,000,000 bytes: under Letterboxd's 1 MB, however a megabyte is counted. */
  maxBytes?: number;
  onProgress?: (p: { done: number; total: number; detail?: string }) => void;
}

export const baseName = "letterboxd-import";

export async function exportLetterboxd(
  db: Db,
  options: LetterboxdExportOptions,
): Promise<SplitCsvResult> {
  await fs.mkdir(options.dir, { recursive: true });
  // Files of an earlier export into the same folder would be taken for part of this one.
  for (const name of await fs.readdir(options.dir)) {
    if (new RegExp(`^${baseName}-\\d+\\.csv$`).test(name)) {
      await fs.rm(path.join(options.dir, name));
    }
  }
  const now = nowIso();
  const total = await rowEstimate(db, now);
  const writer = new SplitCsvWriter({
    dir: options.dir,
    baseName,
    columns: letterboxdColumns,
    maxBytes: options.maxBytes ?? 1_000_000,
  });
  const sources: [string, AsyncGenerator<LetterboxdRow>][] = [
    ["reviews", reviewRows(db, now)],
    ["diary", diaryRows(db)],
    ["watched films", filmOnlyRows(db, now)],
  ];
  for (const [what, rows] of sources) {
    for await (const row of rows) {
      await writer.write(letterboxdColumns.map((column) => row[column]));
      if (writer.result.rows % 200 === 0) {
        options.onProgress?.({ done: writer.result.rows, total, detail: what });
      }
    }
  }
  const result = await writer.close();
  options.onProgress?.({ done: result.rows, total: Math.max(total, result.rows) });
  return result;
}

/** For the progress bar: reviews and diary entries (the few film-only rows are not counted). */
async function rowEstimate(db: Db, now: string): Promise<number> {
  const reviews = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("status", "in", ["published", "scheduled"])
    .where("published_at", "<=", now)
    .executeTakeFirstOrThrow();
  const diary = await db.kysely
    .selectFrom("film_log")
    .select((eb) => eb.fn.countAll().as("n"))
    .where("kind", "=", "diary")
    .executeTakeFirstOrThrow();
  return Number(reviews.n) + Number(diary.n);
}
