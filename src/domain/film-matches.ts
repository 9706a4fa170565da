// Films already on record under the same title and year, so that typing a film in again never
// makes a silent second record of it ("bob le flambeur" 1956 is "Bob le Flambeur" 1956, and
// "Amelie" is "Amélie"). Titles are compared folded: case, accents and spacing aside.
import type { Db } from "../db/connect.ts";
import { fold } from "../search/tokens.ts";

export interface FilmMatch {
  id: number;
  title: string;
  year: number | null;
  slug: string;
}

/** A title as compared: folded, punctuation and runs of spaces reduced to single spaces. */
export function comparableTitle(title: string): string {
  return fold(title)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Every film on record whose title and year are the same as these, oldest first. */
export async function filmsWithSameTitleAndYear(
  db: Db,
  title: string,
  year: number | null,
): Promise<FilmMatch[]> {
  const wanted = comparableTitle(title);
  if (!wanted) return [];
  // The year narrows the search in SQL; the folding, which neither database does alike,
  // happens here.
  let query = db.kysely
    .selectFrom("films")
    .select(["id", "title", "year", "slug", "original_title"])
    .orderBy("id");
  query = year === null ? query.where("year", "is", null) : query.where("year", "=", year);
  const rows = await query.execute();
  return rows
    .filter(
      (film) =>
        comparableTitle(film.title) === wanted ||
        (film.original_title !== null && comparableTitle(film.original_title) === wanted),
    )
    .map(({ id, title: t, year: y, slug }) => ({ id, title: t, year: y, slug }));
}
