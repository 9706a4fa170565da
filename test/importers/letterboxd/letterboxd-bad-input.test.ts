// What a reviewer sees when the file is not a Letterboxd export, or parts of it are broken:
// a clear message, the good rows still imported, and every bad row named with its reason.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../../src/domain/users.ts";
import {
  importLetterboxd,
  LetterboxdError,
} from "../../../src/importers/letterboxd/import-letterboxd.ts";
import { dialects, openTestDb, type TestDb } from "../../support/databases.ts";
import { csv, diaryHeader, filmHeader, reviewsHeader, writeZip } from "./letterboxd-fixture.ts";

async function count(db: TestDb, table: "films" | "reviews" | "film_log"): Promise<number> {
  const row = await db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe.each(dialects)("a broken Letterboxd export on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(() => db.dispose());

  async function failure(file: string): Promise<Error> {
    const error = await importLetterboxd(db, { file }).then(
      () => new Error("the import did not fail"),
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(LetterboxdError);
    return error;
  }

  it("refuses a file that is not a zip, a missing file, and a damaged zip", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-letterboxd-bad-"));
    const text = path.join(dir, "diary.csv");
    fs.writeFileSync(text, csv([diaryHeader]));
    expect((await failure(text)).message).toMatch(
      /diary\.csv is not a zip file .*Export your data/,
    );
    expect((await failure(path.join(dir, "nope.zip"))).message).toMatch(/no such file/);

    const good = fs.readFileSync(await writeZip({ "watched.csv": csv([filmHeader]) }));
    const cut = path.join(dir, "cut.zip");
    fs.writeFileSync(cut, good.subarray(0, good.length - 30));
    expect((await failure(cut)).message).toMatch(/not a zip file|damaged zip/);
    expect(await count(db, "films")).toBe(0);
  });

  it("refuses a zip that holds no Letterboxd files", async () => {
    const file = await writeZip({ "notes.txt": "hello", "photos/still.jpg": "not really" });
    expect((await failure(file)).message).toMatch(
      /letterboxd-export\.zip holds none of the files of a Letterboxd export \(diary\.csv/,
    );
  });

  it("needs an owner to write reviews as, and says so before importing anything", async () => {
    const file = await writeZip({
      "watched.csv": csv([filmHeader, ["2024-01-01", "Heat", 1995, "u"]]),
      "reviews.csv": csv([
        reviewsHeader,
        ["2024-01-01", "Heat", 1995, "u", "4", "", "Good.", "", "2024-01-01"],
      ]),
    });
    expect((await failure(file)).message).toMatch(/no owner yet.*cinelog user add/);
    expect(await count(db, "films")).toBe(0);
  });

  it("imports the good rows and names every bad one with why", async () => {
    await createUser(db, { email: "owner@example.org", displayName: "Owner", role: "owner" });
    const file = await writeZip({
      "diary.csv": csv([
        diaryHeader,
        ["2024-01-01", "Heat", 1995, "https://boxd.it/a", "4", "", "", "2024-01-01"],
        ["2024-01-02", "", 1995, "https://boxd.it/b", "4", "", "", "2024-01-02"],
        ["2024-01-03", "Alien", "19x9", "https://boxd.it/c", "4", "", "", "2024-01-03"],
        ["2024-01-04", "Alien", 1979, "https://boxd.it/d", "7", "", "", "2024-01-04"],
        ["2024-01-05", "Alien", 1979, "https://boxd.it/e", "3", "", "", "2024-13-45"],
        ["2024-01-06", "Alien", 1979, "https://boxd.it/f", "2.25", "", "", "2024-01-06"],
      ]),
      // Not the file Letterboxd writes: the whole file is left out, with the reason.
      "ratings.csv": csv([
        ["Const", "Your Rating", "Title"],
        ["tt0113277", "9", "Heat"],
      ]),
      // A quote that never closes: the rows before it are kept.
      "watched.csv": `${csv([filmHeader, ["2024-01-01", "Heat", 1995, "u1"], ["2024-01-02", "Alien", 1979, "u2"]])}2024-01-03,"Broken,1990,u3\n2024-01-04,Fine,1991,u4\n`,
      "lists/empty-and-odd.csv": "a stray line\nPosition,Name,Year,URL\n1,,1990,u\n",
    });
    const summary = await importLetterboxd(db, { file });
    expect(summary.counts.get("diary entries")).toBe(1);
    expect(summary.counts.get("films marked watched")).toBe(2);
    const skipped = new Map(summary.skipped.map((s) => [s.why, s.examples]));
    expect(skipped.get("row without a film name")).toEqual([
      "diary.csv line 3",
      "lists/empty-and-odd.csv line 3",
    ]);
    expect(skipped.get('"19x9" is not a year')).toEqual(["diary.csv line 4 (Alien, 19x9)"]);
    expect(skipped.get('rating "7" is not 0.5–5 stars in halves')).toEqual([
      "diary.csv line 5 (Alien, 1979)",
    ]);
    expect(skipped.get('rating "2.25" is not 0.5–5 stars in halves')).toEqual([
      "diary.csv line 7 (Alien, 1979)",
    ]);
    expect(skipped.get('watched date "2024-13-45" is not a date (YYYY-MM-DD)')).toEqual([
      "diary.csv line 6 (Alien, 1979)",
    ]);
    const ratings = summary.skipped.find((s) => s.examples[0] === "ratings.csv");
    expect(ratings?.why).toMatch(
      /not as Letterboxd writes ratings\.csv.*missing Name, Year, Rating/,
    );
    const watched = summary.skipped.find((s) => s.examples[0] === "watched.csv");
    expect(watched?.why).toMatch(
      /^not well-formed CSV at line \d+: .*quote.* \(the rows before it were imported\)$/i,
    );
    expect(skipped.get("line before the list's table of films")).toEqual([
      "lists/empty-and-odd.csv line 1",
    ]);
    expect(summary.toText()).toMatch(/Skipped:\n/);
    expect(await count(db, "film_log")).toBe(3);
  });
});
