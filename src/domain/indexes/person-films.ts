// A person's reviewed films a page at a time: the page's films are chosen in SQL (ordered by
// year and title, as the page shows them), then only their credits are read, and the role
// counts cover every film, not just this page's.
import type { Db } from "../../db/connect.ts";
import type { CreditRole } from "../../db/schema.ts";
import { reviewedFilmography, type FilmographyItem } from "../people.ts";
import type { Page } from "../reviews.ts";
import { publishedReviews } from "../visibility.ts";

export interface PersonFilmsPage extends Page<FilmographyItem> {
  /** Films per role over all the pages ("Director (12) · Writer (3)"). */
  roleCounts: Map<CreditRole, number>;
}

function creditedFilms(db: Db, personId: number, now: string) {
  return publishedReviews(db, now)
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("credits", "credits.film_id", "films.id")
    .where("credits.person_id", "=", personId);
}

export async function personFilmsPage(
  db: Db,
  personId: number,
  now: string,
  page: number,
  perPage: number,
): Promise<PersonFilmsPage> {
  const roleRows = await creditedFilms(db, personId, now)
    .select((eb) => ["credits.role as role", eb.fn.count("films.id").distinct().as("n")])
    .groupBy("credits.role")
    .execute();
  const roleCounts = new Map(roleRows.map((r) => [r.role, Number(r.n)] as const));
  const totalRow = await creditedFilms(db, personId, now)
    .select((eb) => eb.fn.count("films.id").distinct().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(totalRow.n); // PostgreSQL returns count() as a string
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (total === 0 || page > pageCount) return { items: [], page, pageCount, total, roleCounts };
  const filmRows = await creditedFilms(db, personId, now)
    .select(["films.id as id", "films.year as year", "films.title as title"])
    .groupBy(["films.id", "films.year", "films.title"])
    .orderBy("films.year", "asc")
    .orderBy("films.title", "asc")
    .orderBy("films.id", "asc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const items = await reviewedFilmography(
    db,
    personId,
    now,
    filmRows.map((f) => f.id),
  );
  return { items, page, pageCount, total, roleCounts };
}
