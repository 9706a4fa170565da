// Bounded fuzzing of the Letterboxd parsers, which read uploaded exports: the CSV reader and
// the zip reader. Damaged files and bytes of any kind end only in their own refusals
// (CsvFileError, ImportLimitError, LetterboxdError), each run before a deadline and with the
// heap back within a cap; and rows written as Letterboxd writes them, in a zip, read back to
// exactly what was written.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { stringify } from "csv-stringify/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportLimitError } from "../../../src/config/import-limits.ts";
import { csvRecords, CsvFileError } from "../../../src/importers/letterboxd/csv-records.ts";
import { LetterboxdError } from "../../../src/importers/letterboxd/letterboxd-error.ts";
import { openZip } from "../../../src/importers/letterboxd/zip-entries.ts";
import { cleanWords, fuzzRuns, heapMb, mutated, withinDeadline } from "../fuzz-bounds.ts";
import { zipOf } from "../hostile-files.ts";

const limits = { csvRecord: 16 * 1024, csvFields: 50, zipSize: 1024 * 1024, zipEntries: 20 };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-letterboxd-fuzz-"));
let files = 0;
function saved(bytes: Buffer): string {
  const file = path.join(dir, `${files++}.zip`);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Every record's cells, or the error that ended the reading. */
async function cellsOf(stream: Readable): Promise<string[][] | Error> {
  const rows: string[][] = [];
  try {
    for await (const record of csvRecords(stream, undefined, limits)) rows.push(record.cells);
  } catch (error) {
    return error as Error;
  }
  return rows;
}

/** Splits bytes into chunks at the given cuts, as a stream delivers them. */
function chunked(bytes: Buffer, cuts: number[]): Readable {
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const cut of [...at, bytes.length]) {
    pieces.push(bytes.subarray(from, cut));
    from = cut;
  }
  return Readable.from(pieces.filter((p) => p.length > 0));
}

function expectOwnRefusal(outcome: unknown, kinds: (new (...a: never[]) => Error)[]): void {
  if (!(outcome instanceof Error)) return;
  expect(
    kinds.some((kind) => outcome instanceof kind),
    `${outcome.constructor.name}: ${outcome.message}`,
  ).toBe(true);
  expect(outcome.message.length).toBeGreaterThan(10);
}

const sampleCsv = stringify([
  ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Review"],
  ["2021-02-03", "Heat", "1995", "https://boxd.it/a", "4", 'Two men, "one" diner,\nand a road.'],
  ["2021-02-04", "Ran", "1985", "https://boxd.it/b", "5", ""],
]);

/** A row as Letterboxd writes one: cells of clean text, never a row of one empty cell. */
const row = fc
  .array(cleanWords, { minLength: 2, maxLength: 8 })
  .map((cells) => cells.map((c) => c.replace(/^\uFEFF/, "")));

describe("Letterboxd parsers under fuzzing", () => {
  it("csvRecords refuses damaged CSV with its own errors, in time and memory", async () => {
    const heapBefore = heapMb();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(Buffer.from(sampleCsv)),
          fc.uint8Array({ maxLength: 3000 }).map((bytes) => Buffer.from(bytes)),
        ),
        fc.array(fc.nat(), { maxLength: 5 }),
        async (bytes, cuts) => {
          const outcome = await withinDeadline(cellsOf(chunked(bytes, cuts)), 5000, "csvRecords");
          expectOwnRefusal(outcome, [CsvFileError, ImportLimitError]);
          if (!(outcome instanceof Error)) {
            for (const cells of outcome) expect(cells.length).toBeLessThanOrEqual(limits.csvFields);
          }
        },
      ),
      fuzzRuns,
    );
    expect(heapMb() - heapBefore).toBeLessThan(128);
  });

  it("csvRecords reads rows back exactly, however the stream is cut", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        async (rows, cuts) => {
          const bytes = Buffer.from(stringify(rows));
          const read = await withinDeadline(cellsOf(chunked(bytes, cuts)), 5000, "csvRecords");
          if (read instanceof Error) throw read;
          expect(read).toEqual(rows);
        },
      ),
      fuzzRuns,
    );
  });

  it("openZip refuses damaged zips with its own errors, and their files read or refuse", async () => {
    const good = await zipOf({
      "diary.csv": sampleCsv,
      "lists/noir.csv": "Letterboxd list export v7\nDate,Name\n",
    });
    const heapBefore = heapMb();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(good),
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
        ),
        async (bytes) => {
          const work = (async () => {
            const archive = await openZip(saved(bytes), limits).catch((e: unknown) => e as Error);
            if (archive instanceof Error) return archive;
            try {
              for (const member of archive.members) {
                const outcome = await archive
                  .open(member)
                  .then(cellsOf, (e: unknown) => e as Error);
                expectOwnRefusal(outcome, [CsvFileError, ImportLimitError, LetterboxdError]);
              }
            } finally {
              archive.close();
            }
            return undefined;
          })();
          expectOwnRefusal(await withinDeadline(work, 5000, "openZip"), [LetterboxdError]);
        },
      ),
      fuzzRuns,
    );
    expect(heapMb() - heapBefore).toBeLessThan(128);
  });

  it("openZip gives back every file of a well-formed zip exactly", async () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}\.csv$/);
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(name, fc.array(row, { minLength: 1, maxLength: 4 }), {
          minKeys: 1,
          maxKeys: 5,
        }),
        async (tables) => {
          const written = Object.fromEntries(
            Object.entries(tables).map(([file, rows]) => [file, stringify(rows)]),
          );
          const archive = await openZip(saved(await zipOf(written)), limits);
          try {
            expect(archive.members.map((m) => m.name).sort()).toEqual(Object.keys(written).sort());
            for (const member of archive.members) {
              expect(member.size).toBe(Buffer.byteLength(written[member.name]!));
              expect(await cellsOf(await archive.open(member))).toEqual(tables[member.name]);
            }
          } finally {
            archive.close();
          }
        },
      ),
      { ...fuzzRuns, numRuns: 30 },
    );
  });
});
