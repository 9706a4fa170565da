// Films with the same title and year, found on both databases whatever the case, accents,
// spacing or punctuation typed, and never a film of another year or title.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comparableTitle, filmsWithSameTitleAndYear } from "../../src/domain/film-matches.ts";
import { createFilm } from "../../src/domain/films.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe("comparableTitle", () => {
  it("folds case, accents, punctuation and spacing", () => {
    expect(comparableTitle("  Amélie ")).toBe("amelie");
    expect(comparableTitle("Bob  le Flambeur")).toBe("bob le flambeur");
    expect(comparableTitle("Singin’ in the Rain")).toBe(comparableTitle("singin' in the rain"));
    expect(comparableTitle("!!!")).toBe("");
  });
});

describe.each(dialects)("films with the same title and year on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let untitledYear: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    untitledYear = (await createFilm(db, { title: "Night Tide" })).id;
  });
  afterAll(async () => {
    await db.dispose();
  });

  const ids = async (title: string, year: number | null) =>
    (await filmsWithSameTitleAndYear(db, title, year)).map((film) => film.id);

  it("finds the film whatever the case and spacing", async () => {
    expect(await ids("bob le flambeur", 1956)).toEqual([f.films.bob.id]);
    expect(await ids("  BOB LE   FLAMBEUR ", 1956)).toEqual([f.films.bob.id]);
  });

  it("finds it without its accents, and with accents it never had", async () => {
    expect(await ids("Amelie", 2001)).toEqual([f.films.amelie.id]);
    // The original title counts too.
    expect(await ids("le fabuleux destin d’amelie poulain", 2001)).toEqual([f.films.amelie.id]);
    expect(await ids("Leaving Lâs Vegas", 1995)).toEqual([f.films.vegas.id]);
  });

  it("matches a film without a year only when none is given", async () => {
    expect(await ids("night tide", null)).toEqual([untitledYear]);
    expect(await ids("night tide", 1961)).toEqual([]);
    expect(await ids("bob le flambeur", null)).toEqual([]);
  });

  it("finds nothing for another year or another title", async () => {
    expect(await ids("Bob le Flambeur", 1957)).toEqual([]);
    expect(await ids("Bob le Flambeur 2", 1956)).toEqual([]);
    expect(await ids("", 1956)).toEqual([]);
  });

  it("lists every record when two already share the title and year, oldest first", async () => {
    const second = await createFilm(db, { title: "Amelie", year: 2001 });
    const found = await filmsWithSameTitleAndYear(db, "AMÉLIE", 2001);
    expect(found.map((film) => film.id)).toEqual([f.films.amelie.id, second.id]);
    expect(found[0]).toMatchObject({ title: "Amélie", year: 2001, slug: "amelie-2001" });
  });
});
