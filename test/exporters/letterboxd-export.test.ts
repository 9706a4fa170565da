// `exportLetterboxd` on both databases: Letterboxd's import columns, RFC 4180 quoting that
// reads back to the same text, ratings on both of Letterboxd's scales, and files under
// the size limit, split between rows with the header in each.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { createUser } from "../../src/domain/users.ts";
import { exportLetterboxd } from "../../src/exporters/letterboxd/export-letterboxd.ts";
import type { LetterboxdRow } from "../../src/exporters/letterboxd/letterboxd-columns.ts";
import { importLetterboxd } from "../../src/importers/letterboxd/import-letterboxd.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import {
  crouchingTiger,
  writeRealisticExport,
} from "../importers/letterboxd/letterboxd-fixture.ts";

const header =
  "LetterboxdURI,tmdbID,imdbID,Title,Year,Directors,Rating,Rating10,WatchedDate,Rewatch,Tags,Review";

function readRows(files: string[]): LetterboxdRow[] {
  return files.flatMap((file) => parse<LetterboxdRow>(fs.readFileSync(file), { columns: true }));
}

describe.each(dialects)("exporting for Letterboxd on %s", (dialect) => {
  let db: TestDb;
  let ownerId: number;
  const outDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "cinelog-lb-out-"));

  beforeAll(async () => {
    db = await openTestDb(dialect);
    ownerId = (
      await createUser(db, { email: "owner@example.org", displayName: "Owner", role: "owner" })
    ).id;
    await importLetterboxd(db, { file: await writeRealisticExport() });
    // A review written in Cinelog, with a director, ids, a heading, a list and a link.
    const film = await createFilm(db, {
      title: "Le Samouraï",
      year: 1967,
      imdbId: "tt0062229",
      tmdbId: "5511",
      letterboxdSlug: "le-samourai",
      credits: [{ role: "director", name: "Jean-Pierre Melville" }],
    });
    await createReview(db, {
      filmId: film.id,
      authorId: ownerId,
      body: '## The hat\n\nA **cold** film, "precise"; see [the still](https://example.org/s).\n\n- rain\n- birds',
      rating: 100,
      watchedOn: "2023-12-01",
      isRewatch: true,
      status: "published",
      publishedAt: "2023-12-02T10:00:00.000Z",
      tags: ["noir", "paris"],
    });
    await createReview(db, {
      filmId: film.id,
      authorId: ownerId,
      body: "Not finished.",
      status: "draft",
    });
  });
  afterAll(() => db.dispose());

  it("writes Letterboxd's columns, one row per review, diary entry and film only watched", async () => {
    const dir = outDir();
    const result = await exportLetterboxd(db, { dir });
    expect(result.files).toEqual([path.join(dir, "letterboxd-import-1.csv")]);
    const text = fs.readFileSync(result.files[0]!, "utf8");
    expect(text.startsWith(`${header}\r\n`)).toBe(true);
    const rows = readRows(result.files);
    expect(result.rows).toBe(rows.length);
    // 3 reviews (2 imported, 1 written here; not the draft), 3 diary entries, and Paris,
    // Texas and Stalker, known only as watched or rated.
    expect(rows).toHaveLength(8);
    const titles = rows.map((r) => `${r.Title} ${r.Year} ${r.WatchedDate}`);
    expect(titles).toEqual([
      "Heat 1995 2024-01-04",
      `${crouchingTiger} 2000 2024-03-03`,
      "Le Samouraï 1967 2023-12-01",
      "Heat 1995 2024-02-09",
      "Solaris 1972 2024-03-01",
      "Solaris 2002 2024-03-02",
      "Paris, Texas 1984 ",
      "Stalker 1979 ",
    ]);

    const samourai = rows[2]!;
    expect(samourai).toMatchObject({
      LetterboxdURI: "https://letterboxd.com/film/le-samourai/",
      tmdbID: "5511",
      imdbID: "tt0062229",
      Directors: "Jean-Pierre Melville",
      Rating: "5",
      Rating10: "10",
      Rewatch: "true",
      Tags: "noir, paris",
    });
    expect(samourai.Review).toBe(
      'The hat\n\nA <b>cold</b> film, “precise”; see <a href="https://example.org/s">the still</a>.\n\n- rain\n\n- birds',
    );

    const heatRewatch = rows[3]!;
    expect(heatRewatch).toMatchObject({ Rating: "5", Rating10: "10", Rewatch: "true", Review: "" });
    expect(rows[0]).toMatchObject({ Rating: "4.5", Rating10: "9", Tags: "crime, los angeles" });
    expect(rows[4]).toMatchObject({ Rating: "3.5", Rating10: "7", Rewatch: "false" });
    expect(rows[6]).toMatchObject({ Rating: "4.5", Rating10: "9", Rewatch: "" });
    expect(rows[7]).toMatchObject({ Rating: "", Rating10: "" });

    // Quoting: commas, quotes and line breaks read back as they were (the quotes curled,
    // as the site shows them).
    const tiger = rows[1]!;
    expect(tiger.Review).toBe(
      "The <b>bamboo</b> duel is “weightless”, and still astonishes.\n\n" +
        "Then the <i>desert</i> flashback, which slows everything, & deliberately.\n" +
        "1995. Not a list, just a year.\na bad link",
    );
    expect(text).toContain('"Crouching Tiger, Hidden Dragon"');
    expect(text).toContain('"Paris, Texas"');
  });

  it("splits a large export into files under the limit, never inside a row", async () => {
    // Enough long diary entries to need several files at a 64 KB limit.
    const film = await db.kysely
      .selectFrom("films")
      .select("id")
      .where("title", "=", "Stalker")
      .executeTakeFirstOrThrow();
    const many = Array.from({ length: 1500 }, (_, i) => ({
      film_id: film.id,
      kind: "diary" as const,
      watched_on: "2020-01-01",
      logged_on: "2020-01-01",
      rating: 60,
      tags: `zone, "room", ${"long tag ".repeat(4)}${i}`,
      source: "test",
      source_key: `bulk-${i}`,
      created_at: "2020-01-01T00:00:00.000Z",
    }));
    for (let i = 0; i < many.length; i += 200) {
      await db.kysely
        .insertInto("film_log")
        .values(many.slice(i, i + 200))
        .execute();
    }
    const dir = outDir();
    const maxBytes = 64 * 1024;
    const result = await exportLetterboxd(db, { dir, maxBytes });
    expect(result.files.length).toBeGreaterThan(2);
    for (const file of result.files) {
      const bytes = fs.readFileSync(file);
      expect(bytes.length).toBeLessThanOrEqual(maxBytes);
      expect(bytes.toString("utf8").startsWith(`${header}\r\n`)).toBe(true);
      expect(bytes.toString("utf8").endsWith("\r\n")).toBe(true);
    }
    const rows = readRows(result.files);
    // Stalker now has diary entries, so its film-only row gives way to them.
    expect(rows).toHaveLength(8 - 1 + 1500);
    expect(result.rows).toBe(rows.length);
    const bulk = rows.filter((r) => r.Tags.startsWith("zone"));
    expect(bulk.map((r) => r.Tags.replace(/^.* /, ""))).toEqual(
      Array.from({ length: 1500 }, (_, i) => String(i)),
    );
    expect(bulk[0]!.Tags).toBe(`zone, "room", ${"long tag ".repeat(4)}0`);

    // The default limit: everything fits one file under 1 MB, and files from an earlier
    // export into the same folder are replaced.
    const again = await exportLetterboxd(db, { dir });
    expect(again.files).toEqual([path.join(dir, "letterboxd-import-1.csv")]);
    expect(fs.readdirSync(dir)).toEqual(["letterboxd-import-1.csv"]);
    expect(fs.statSync(again.files[0]!).size).toBeLessThan(1_000_000);
  });
});
