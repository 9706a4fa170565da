// Years and decades: public reviews by their film's release year.
import type { Db } from "../../db/connect.ts";
import { publishedReviews } from "../visibility.ts";
import { lookupJoin } from "../../db/lookup-join.ts";
import { pagedListingOf } from "./paged-reviews.ts";
import { isPublicAt1 } from "./summary-page-read.ts";

// A year's reviews are found from its few films (films_year), each film's through reviews_film.
function ofFilmsWhere(condition: string) {
  return pagedListingOf({
    few: true,
    matching: (dialect) =>
      `films f ${lookupJoin(dialect, {
        table: "reviews",
        alias: "r",
        columns: ["id", "published_at"],
        on: `r.film_id = f.id and ${isPublicAt1("r")}`,
      })} where ${condition}`,
  });
}

const ofFilmYear = ofFilmsWhere("f.year = $3");
const ofDecade = ofFilmsWhere("f.year >= $3 and f.year <= $4");

interface FilmYearCount {
  year: number;
  /** Public reviews of films from this year (a rewatch is a review of its own). */
  count: number;
}

export interface Decade {
  /** The first year: 1990 for the 1990s. */
  start: number;
  count: number;
  /** Oldest first. */
  years: FilmYearCount[];
}

/** "1990s" for 1990: the label and the URL segment. */
export function decadeLabel(start: number): string {
  return `${start}s`;
}

/** Every decade with public reviews of its films, oldest first; films without a year are left
 * out, since they belong to no decade. */
export async function decadesIndex(db: Db, now: string): Promise<Decade[]> {
  const rows = await publishedReviews(db, now)
    .innerJoin("films", "films.id", "reviews.film_id")
    .where("films.year", "is not", null)
    .select((eb) => ["films.year as year", eb.fn.countAll().as("n")])
    .groupBy("films.year")
    .orderBy("films.year", "asc")
    .execute();
  const decades: Decade[] = [];
  for (const row of rows) {
    const year = Number(row.year);
    const count = Number(row.n);
    const start = Math.floor(year / 10) * 10;
    let decade = decades.at(-1);
    if (decade?.start !== start) {
      decade = { start, count: 0, years: [] };
      decades.push(decade);
    }
    decade.count += count;
    decade.years.push({ year, count });
  }
  return decades;
}

/** Reviews of films released in this year, newest review first. */
export function reviewsOfFilmYear(
  db: Db,
  now: string,
  year: number,
  page: number,
  perPage?: number,
) {
  return ofFilmYear.page(db, now, page, perPage, [year]);
}

/** Reviews of films released in the decade starting at `start`, newest review first. */
export function reviewsOfDecade(
  db: Db,
  now: string,
  start: number,
  page: number,
  perPage?: number,
) {
  return ofDecade.page(db, now, page, perPage, [start, start + 9]);
}
