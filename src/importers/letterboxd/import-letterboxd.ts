// `cinelog import letterboxd`: reads a Letterboxd export zip file by file, row by row, and
// brings in its reviews (as reviews), diary, ratings, watched films and likes (as the film
// log), watchlist and lists (as series). Films are matched by name and year, so a film
// in five files is one record. Everything is remembered by where it came from: running
// the same import again changes nothing.
import path from "node:path";
import type { Db } from "../../db/connect.ts";
import { inTransaction } from "../../db/transaction.ts";
import { recordChange } from "../../domain/changes.ts";
import { FilmCatalogue } from "../film-catalogue.ts";
import { decodeEntities } from "../wordpress/review-post.ts";
import {
  defaultImportLimits,
  ImportLimitError,
  type ImportLimits,
} from "../../config/import-limits.ts";
import { ImportSummary } from "../import-summary.ts";
import { csvRecords, CsvFileError, type CsvRecord } from "./csv-records.ts";
import { LetterboxdError } from "./letterboxd-error.ts";
import { headerOf, missingColumns, requiredColumns, Row } from "./letterboxd-rows.ts";
import { LetterboxdRows } from "./letterboxd-rows-import.ts";
import { readListFile } from "./list-file.ts";
import { SeriesRows } from "./series-rows-import.ts";
import { openZip, type ZipArchive, type ZipMember } from "./zip-entries.ts";

interface LetterboxdImportProgress {
  /** Bytes of the export's files read so far, out of `total`. */
  done: number;
  total: number;
  detail?: string;
}

interface LetterboxdImportOptions {
  file: string;
  onProgress?: (progress: LetterboxdImportProgress) => void;
  /** How much of the zip and its CSV files is read before the file is refused. */
  limits?: ImportLimits;
}

/** The files read, in the order they are read: reviews first, so the diary knows them. */
const tableFiles = [
  "reviews.csv",
  "diary.csv",
  "ratings.csv",
  "watched.csv",
  "likes/films.csv",
  "watchlist.csv",
];

const notImported: [RegExp, string][] = [
  [/^(deleted|orphaned)\//, "deleted or orphaned entries are not imported"],
  [/^profile\.csv$/, "the Letterboxd profile is not imported"],
  [/^comments\.csv$/, "comments left on Letterboxd are not imported"],
  [/^likes\/(reviews|lists)\.csv$/, "likes of other members' reviews and lists are not imported"],
];

const rowsPerTransaction = 100;

export { LetterboxdError } from "./letterboxd-error.ts";

export async function importLetterboxd(
  db: Db,
  options: LetterboxdImportOptions,
): Promise<ImportSummary> {
  const archive = await openZip(options.file, options.limits ?? defaultImportLimits);
  try {
    return await new LetterboxdImport(db, archive, options).run();
  } finally {
    archive.close();
  }
}

class LetterboxdImport {
  readonly summary = new ImportSummary();
  readonly #films: FilmCatalogue;
  readonly #rows: LetterboxdRows;
  readonly #series: SeriesRows;
  #owner: number | undefined;
  #done = 0;
  #total = 0;
  #rowsRead = 0;

  constructor(
    private readonly db: Db,
    private readonly archive: ZipArchive,
    private readonly options: LetterboxdImportOptions,
  ) {
    this.#films = new FilmCatalogue(db);
    this.#rows = new LetterboxdRows(this.#films, this.summary, () => this.#author());
    this.#series = new SeriesRows(this.#films, this.summary);
  }

  async run(): Promise<ImportSummary> {
    const byName = new Map(this.archive.members.map((m) => [m.name, m]));
    const tables = tableFiles.flatMap((name) => byName.get(name) ?? []);
    const lists = this.archive.members
      .filter((m) => /^lists\/[^/]+\.csv$/i.test(m.name))
      .sort((a, b) => a.name.localeCompare(b.name));
    const read = new Set([...tables, ...lists]);
    if (read.size === 0) {
      throw new LetterboxdError(
        `${path.basename(this.options.file)} holds none of the files of a Letterboxd export ` +
          "(diary.csv, reviews.csv, ratings.csv, watched.csv, watchlist.csv, likes/films.csv, lists/).",
      );
    }
    for (const member of this.archive.members) {
      if (read.has(member)) continue;
      const reason = notImported.find(([pattern]) => pattern.test(member.name))?.[1];
      this.summary.skip(member.name, reason ?? "not a file of a Letterboxd export");
    }
    if (byName.has("reviews.csv")) await this.#author();
    this.#total = [...read].reduce((sum, m) => sum + m.size, 0);

    for (const member of tables) await this.#table(member);
    for (const member of lists) await this.#list(member);

    this.summary.count("films added", this.#films.created);
    // Imported reviews, series and film pages show at once, in every app instance.
    await recordChange(this.db, ["site", "public-set", "lists", "series"]);
    // Files left out part-way (a wrong header, a broken quote) still count as read.
    this.#done = this.#total;
    this.#progress("done");
    return this.summary;
  }

  async #author(): Promise<number> {
    if (this.#owner !== undefined) return this.#owner;
    const owner = await this.db.kysely
      .selectFrom("users")
      .select("id")
      .where("role", "=", "owner")
      .orderBy("id")
      .executeTakeFirst();
    if (!owner) {
      throw new LetterboxdError(
        "The site has no owner yet, and imported reviews need an author: run `cinelog user add` first.",
      );
    }
    this.#owner = owner.id;
    return owner.id;
  }

  #progress(detail: string): void {
    this.options.onProgress?.({
      done: Math.min(this.#done, this.#total),
      total: this.#total,
      detail: `${detail} · ${this.#rowsRead.toLocaleString("en")} rows`,
    });
  }

  /** The records of one file, with the bytes read counted towards the progress. */
  async #records(member: ZipMember): Promise<AsyncGenerator<CsvRecord>> {
    const stream = await this.archive.open(member);
    return csvRecords(
      stream,
      (bytes) => (this.#done += bytes),
      this.options.limits ?? defaultImportLimits,
    );
  }

  /** A file past a limit ends the import: what follows it in the zip is not read either. */
  #refused(file: string, error: ImportLimitError): LetterboxdError {
    return new LetterboxdError(
      `Refused ${file}: ${error.message}. The import stopped there; the rows before it were imported.`,
    );
  }

  /** Runs `handle` on rows a batch at a time, each batch in one transaction. */
  #batcher(file: string, handle: (db: Db, row: Row) => Promise<void>) {
    let batch: Row[] = [];
    const flush = async () => {
      const rows = batch;
      batch = [];
      if (rows.length === 0) return;
      await inTransaction(this.db, async (trx) => {
        for (const row of rows) await handle(trx, row);
      });
      this.#rowsRead += rows.length;
      this.#progress(file);
    };
    const add = async (row: Row) => {
      batch.push(row);
      if (batch.length >= rowsPerTransaction) await flush();
    };
    return { add, flush };
  }

  async #table(member: ZipMember): Promise<void> {
    const file = member.name;
    const handle = this.#handlerOf(file);
    const batch = this.#batcher(file, handle);
    let header: Map<string, number> | undefined;
    try {
      for await (const record of await this.#records(member)) {
        if (!header) {
          header = headerOf(record.cells);
          const missing = missingColumns(file, header);
          if (missing.length > 0) {
            this.summary.skip(
              file,
              `not as Letterboxd writes ${file}: the first line must name the columns ` +
                `${(requiredColumns[file] ?? []).join(", ")} (missing ${missing.join(", ")})`,
            );
            return;
          }
          continue;
        }
        await batch.add(new Row(header, record.cells, record.line));
      }
    } catch (error) {
      if (error instanceof ImportLimitError) {
        await batch.flush();
        throw this.#refused(file, error);
      }
      if (!(error instanceof CsvFileError)) throw error;
      await batch.flush();
      this.summary.skip(file, `${error.message} (the rows before it were imported)`);
      return;
    }
    await batch.flush();
  }

  #handlerOf(file: string): (db: Db, row: Row) => Promise<void> {
    switch (file) {
      case "reviews.csv":
        return (db, row) => this.#rows.review(db, row);
      case "diary.csv":
        return (db, row) => this.#rows.diary(db, row);
      case "ratings.csv":
        return (db, row) => this.#rows.filmFact(db, row, "rating");
      case "watched.csv":
        return (db, row) => this.#rows.filmFact(db, row, "watched");
      case "likes/films.csv":
        return (db, row) => this.#rows.filmFact(db, row, "like");
      default: {
        const watchlist = {
          key: "watchlist",
          title: "Watchlist",
          description: "Films to watch next, brought over from Letterboxd.",
          counted: "watchlist films queued",
        };
        return (db, row) => this.#series.entry(db, watchlist, row, row.label("watchlist.csv"));
      }
    }
  }

  async #list(member: ZipMember): Promise<void> {
    const file = member.name;
    let list;
    try {
      list = await readListFile(file, await this.#records(member));
    } catch (error) {
      if (error instanceof ImportLimitError) throw this.#refused(file, error);
      if (!(error instanceof CsvFileError)) throw error;
      this.summary.skip(file, `${error.message} (the list was not imported)`);
      return;
    }
    for (const stray of list.strays) this.summary.skip(`${file} line ${stray.line}`, stray.why);
    const target = {
      key: list.url || file,
      title: list.name,
      // Letterboxd allows a little HTML in a list's description; a series has plain text.
      description: plainDescription(list.description),
      counted: "list films added to series",
    };
    this.summary.count(`lists (${list.layout === "older" ? "older layout" : list.layout})`);
    // An empty list still becomes a series, so its title and description come across.
    await inTransaction(this.db, (trx) => this.#series.series(trx, target));
    const batch = this.#batcher(file, (db, row) =>
      this.#series.entry(db, target, row, row.label(file)),
    );
    for (const { row } of list.rows) await batch.add(row);
    await batch.flush();
  }
}

/** "Films of the <i>nineties</i>, ranked" → "Films of the nineties, ranked". */
function plainDescription(html: string): string {
  const text = html.replace(/<(br|\/p|\/li|\/blockquote)\b[^>]*>/gi, " ").replace(/<[^>]*>/g, "");
  return decodeEntities(text).replace(/\s+/g, " ").trim();
}
