// Bounded fuzzing of the backup reader (`cinelog import json`): damaged and random zips end
// only in a BackupError, before a deadline and with the heap back within a cap; a restore of
// a damaged backup leaves the empty site empty, on both databases; NDJSON lines of any text
// read back exactly, and one past the line limit is refused by its number; and films of any
// title, backed up, restore to the same rows.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BackupError } from "../../src/backup/backup-format.ts";
import { openBackupZip } from "../../src/backup/backup-zip.ts";
import { exportBackup } from "../../src/backup/export-backup.ts";
import { importBackup } from "../../src/backup/import-backup.ts";
import { createFilm } from "../../src/domain/films.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { cleanWords, fuzzRuns, heapMb, mutated, withinDeadline } from "../importers/fuzz-bounds.ts";
import { zipOf } from "../importers/hostile-files.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-backup-fuzz-"));
let files = 0;
function saved(bytes: Buffer): string {
  const file = path.join(dir, `${files++}.zip`);
  fs.writeFileSync(file, bytes);
  return file;
}

const limits = { backupSize: 4 * 1024 * 1024, backupEntries: 100, ndjsonLine: 4096 };

/** Every line of every entry, or the error that ended the reading. */
async function allLines(file: string): Promise<string[] | Error> {
  const out: string[] = [];
  try {
    const zip = await openBackupZip(file, limits);
    try {
      for (const name of zip.names()) for await (const line of zip.lines(name)) out.push(line);
    } finally {
      zip.close();
    }
  } catch (error) {
    return error as Error;
  }
  return out;
}

function expectBackupError(outcome: unknown): void {
  if (!(outcome instanceof Error)) return;
  expect(outcome instanceof BackupError, `${outcome.constructor.name}: ${outcome.message}`).toBe(
    true,
  );
  expect(outcome.message.length).toBeGreaterThan(10);
}

const line = fc
  .string({ unit: fc.constantFrom("a", "{", '"', "é", "映", "😀", " ", "\t", "\r"), maxLength: 40 })
  .filter((text) => !text.includes("\n"));

describe("backup zip reader under fuzzing", () => {
  it("reads NDJSON lines back exactly, and refuses the first line past the limit by number", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            line,
            line.map((l) => l.repeat(200)),
          ),
          { maxLength: 12 },
        ),
        fc.boolean(),
        async (lines, store) => {
          const body = lines.map((l) => `${l}\n`).join("");
          const file = saved(await zipOf({ "tables/t.ndjson": body }, { store }));
          const read = await withinDeadline(allLines(file), 5000, "lines");
          const tooLong = lines.findIndex((l) => Buffer.byteLength(l) > limits.ndjsonLine);
          if (tooLong === -1) {
            expect(read).toEqual(lines);
          } else {
            expect(read).toBeInstanceOf(BackupError);
            expect((read as Error).message).toBe(
              `Refused: line ${tooLong + 1} of the backup's tables/t.ndjson is longer than 4 KB, the most a restore reads as one row.`,
            );
          }
        },
      ),
      fuzzRuns,
    );
  });

  it("refuses damaged and random zips with a BackupError, in time and memory", async () => {
    const good = await zipOf({
      "cinelog-backup.json": '{"format":"cinelog-backup","version":1}',
      "tables/films.ndjson": '{"id":1,"title":"Heat"}\n{"id":2,"title":"Ran"}\n',
    });
    const heapBefore = heapMb();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(good),
          fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
        ),
        async (bytes) => {
          expectBackupError(await withinDeadline(allLines(saved(bytes)), 5000, "backup zip"));
        },
      ),
      fuzzRuns,
    );
    expect(heapMb() - heapBefore).toBeLessThan(128);
  });
});

describe.each(dialects)("backup restore under fuzzing on %s", (dialect) => {
  let source: TestDb;
  let backup: Buffer;
  beforeAll(async () => {
    source = await openTestDb(dialect);
    await buildFixture(source);
    const file = path.join(dir, `${dialect}-real.zip`);
    await exportBackup(source, { out: file, mediaDir: source.mediaDir });
    backup = fs.readFileSync(file);
  });
  afterAll(async () => {
    await source?.dispose();
  });

  const filmCount = async (db: TestDb) =>
    Number(
      (
        await db.kysely
          .selectFrom("films")
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("a damaged backup fails with a BackupError and leaves the empty site empty", async () => {
    let target = await openTestDb(dialect);
    try {
      await fc.assert(
        fc.asyncProperty(mutated(backup), async (bytes) => {
          const file = saved(bytes);
          const outcome = await withinDeadline(
            importBackup(target, { file, mediaDir: target.mediaDir, limits }).catch(
              (error: unknown) => error as Error,
            ),
            20_000,
            "restore",
          );
          if (outcome instanceof Error) {
            expectBackupError(outcome);
            expect(await filmCount(target)).toBe(0);
            expect(fs.readdirSync(target.mediaDir)).toEqual([]);
          } else {
            // The edit missed everything that matters (a zip comment, say): a fresh site.
            await target.dispose();
            target = await openTestDb(dialect);
          }
        }),
        { numRuns: 12, interruptAfterTimeLimit: 40_000 },
      );
    } finally {
      await target.dispose();
    }
  }, 90_000);

  it("films of any title restore to the same rows", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          cleanWords.map((t) => t.trim()).filter((t) => t.length > 0),
          { minLength: 1, maxLength: 4 },
        ),
        async (titles) => {
          const from = await openTestDb(dialect);
          const to = await openTestDb(dialect);
          try {
            for (const [i, title] of titles.entries()) {
              await createFilm(from, { title, year: 1950 + i });
            }
            const file = path.join(dir, `round-${files++}.zip`);
            await exportBackup(from, { out: file, mediaDir: from.mediaDir });
            await importBackup(to, { file, mediaDir: to.mediaDir });
            const rows = (db: TestDb) =>
              db.kysely
                .selectFrom("films")
                .select(["id", "title", "year", "slug"])
                .orderBy("id")
                .execute();
            expect(await rows(to)).toEqual(await rows(from));
            expect((await rows(to)).map((r) => r.title)).toEqual(titles);
          } finally {
            await from.dispose();
            await to.dispose();
          }
        },
      ),
      { numRuns: 3 },
    );
  }, 90_000);
});
