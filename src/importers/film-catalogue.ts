// Films by title and year, for importers: a review, an "Up Next" line and a Letterboxd row
// name films the same way, and each must land on one record. The catalogue keeps the
// site's films in memory (a few numbers and a title each) so a large import does not scan
// the films table once per line.
import type { Db } from "../db/connect.ts";
import { addCredits, createFilm } from "../domain/films.ts";

export interface FilmName {
  title: string;
  year: number | null;
}

function keyOf(film: FilmName): string {
  return `${film.title.trim().toLowerCase()}|${film.year ?? ""}`;
}

export class FilmCatalogue {
  #byName: Map<string, number> | undefined;
  created = 0;

  constructor(private readonly db: Db) {}

  async #load(db: Db): Promise<Map<string, number>> {
    if (this.#byName) return this.#byName;
    const rows = await db.kysely.selectFrom("films").select(["id", "title", "year"]).execute();
    this.#byName = new Map();
    // The oldest record wins when two films share a name and year.
    for (const row of rows.reverse()) this.#byName.set(keyOf(row), row.id);
    return this.#byName;
  }

  /**
   * The film's id, creating it (with these directors and writers) when the site does not
   * know it; a known film is given them only for a role it has no one in yet.
   */
  async ensure(
    film: FilmName,
    directors: string[],
    db: Db = this.db,
    writers: string[] = [],
  ): Promise<number> {
    // Read through the caller's transaction: on SQLite, a read beside it would wait for it.
    const byName = await this.#load(db);
    const known = byName.get(keyOf(film));
    if (known !== undefined) {
      await this.#addIfNone(db, known, "director", directors);
      await this.#addIfNone(db, known, "writer", writers);
      return known;
    }
    const created = await createFilm(db, {
      title: film.title,
      year: film.year,
      credits: [
        ...directors.map((name) => ({ role: "director" as const, name })),
        ...writers.map((name) => ({ role: "writer" as const, name })),
      ],
    });
    byName.set(keyOf(film), created.id);
    this.created += 1;
    return created.id;
  }

  async #addIfNone(
    db: Db,
    filmId: number,
    role: "director" | "writer",
    names: string[],
  ): Promise<void> {
    if (names.length === 0) return;
    const credited = await db.kysely
      .selectFrom("credits")
      .select("id")
      .where("film_id", "=", filmId)
      .where("role", "=", role)
      .executeTakeFirst();
    if (!credited)
      await addCredits(
        db,
        filmId,
        names.map((name) => ({ role, name })),
      );
  }
}
