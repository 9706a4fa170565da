// The rows of a Letterboxd export, read from the database a page at a time: every public
// review, every diary entry of the film log, and one row for each film the log knows only
// as watched, rated or liked. Never more than a page of rows in memory.
import type { Db } from "../../db/connect.ts";
import { directorsOf } from "../../domain/films.ts";
import { isPublicReview } from "../../domain/visibility.ts";
import { filmColumns, fiveStars, tenPoints, type LetterboxdRow } from "./letterboxd-columns.ts";
import { letterboxdReviewText } from "./letterboxd-review-text-out.ts";

const pageSize = 500;

const filmFields = [
  "films.title as title",
  "films.year as year",
  "films.tmdb_id as tmdb_id",
  "films.imdb_id as imdb_id",
  "films.letterboxd_slug as letterboxd_slug",
] as const;

async function directorNames(db: Db, filmIds: number[]): Promise<Map<number, string[]>> {
  const directors = await directorsOf(db, [...new Set(filmIds)]);
  return new Map([...directors].map(([id, people]) => [id, people.map((p) => p.name)]));
}

export async function* reviewRows(db: Db, now: string): AsyncGenerator<LetterboxdRow> {
  let after = 0;
  for (;;) {
    const page = await db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .select([
        ...filmFields,
        "reviews.id as id",
        "reviews.film_id as filmId",
        "reviews.rating as rating",
        "reviews.watched_on as watchedOn",
        "reviews.published_at as publishedAt",
        "reviews.is_rewatch as isRewatch",
        "reviews.body_html as bodyHtml",
      ])
      .where(isPublicReview(now))
      .where("reviews.id", ">", after)
      .orderBy("reviews.id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    const directors = await directorNames(
      db,
      page.map((r) => r.filmId),
    );
    const tags = await tagsOf(
      db,
      page.map((r) => r.id),
    );
    for (const review of page) {
      yield {
        ...filmColumns(review, directors.get(review.filmId) ?? []),
        Rating: fiveStars(review.rating),
        Rating10: tenPoints(review.rating),
        // Letterboxd logs a review on the day it was watched; a review without that
        // day is logged on the day it was published.
        WatchedDate: review.watchedOn ?? review.publishedAt?.slice(0, 10) ?? "",
        Rewatch: review.isRewatch ? "true" : "false",
        Tags: (tags.get(review.id) ?? []).join(", "),
        Review: letterboxdReviewText(review.bodyHtml),
      };
    }
  }
}

async function tagsOf(db: Db, reviewIds: number[]): Promise<Map<number, string[]>> {
  const rows = await db.kysely
    .selectFrom("review_tags")
    .innerJoin("tags", "tags.id", "review_tags.tag_id")
    .select(["review_tags.review_id", "tags.name"])
    .where("review_tags.review_id", "in", reviewIds)
    .orderBy("tags.name")
    .execute();
  const result = new Map<number, string[]>();
  for (const row of rows)
    result.set(row.review_id, [...(result.get(row.review_id) ?? []), row.name]);
  return result;
}

export async function* diaryRows(db: Db): AsyncGenerator<LetterboxdRow> {
  let after = 0;
  for (;;) {
    const page = await db.kysely
      .selectFrom("film_log")
      .innerJoin("films", "films.id", "film_log.film_id")
      .select([
        ...filmFields,
        "film_log.id as id",
        "film_log.film_id as filmId",
        "film_log.watched_on as watchedOn",
        "film_log.logged_on as loggedOn",
        "film_log.rating as rating",
        "film_log.rewatch as rewatch",
        "film_log.tags as tags",
      ])
      .where("film_log.kind", "=", "diary")
      .where("film_log.id", ">", after)
      .orderBy("film_log.id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    const directors = await directorNames(
      db,
      page.map((r) => r.filmId),
    );
    for (const entry of page) {
      yield {
        ...filmColumns(entry, directors.get(entry.filmId) ?? []),
        Rating: fiveStars(entry.rating),
        Rating10: tenPoints(entry.rating),
        WatchedDate: entry.watchedOn ?? entry.loggedOn ?? "",
        Rewatch: entry.rewatch ? "true" : "false",
        Tags: entry.tags,
        Review: "",
      };
    }
  }
}

/**
 * Films the log knows as watched, rated or liked but with no diary entry and no public
 * review: one row each, without a date, which Letterboxd takes as "watched" (and rated).
 */
export async function* filmOnlyRows(db: Db, now: string): AsyncGenerator<LetterboxdRow> {
  let after = 0;
  for (;;) {
    const page = await db.kysely
      .selectFrom("films")
      .select(["films.id as id", ...filmFields])
      .where("films.id", ">", after)
      .where((eb) =>
        eb
          .exists(
            eb
              .selectFrom("film_log")
              .select("film_log.id")
              .whereRef("film_log.film_id", "=", "films.id")
              .where("film_log.kind", "in", ["watched", "rating", "like"]),
          )
          .and(
            eb.not(
              eb.exists(
                eb
                  .selectFrom("film_log")
                  .select("film_log.id")
                  .whereRef("film_log.film_id", "=", "films.id")
                  .where("film_log.kind", "=", "diary"),
              ),
            ),
          ),
      )
      .orderBy("films.id")
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    after = page[page.length - 1]!.id;
    const ids = page.map((f) => f.id);
    const reviewed = new Set(
      (
        await db.kysely
          .selectFrom("reviews")
          .select("reviews.film_id")
          .where(isPublicReview(now))
          .where("reviews.film_id", "in", ids)
          .execute()
      ).map((r) => r.film_id),
    );
    const ratings = new Map(
      (
        await db.kysely
          .selectFrom("film_log")
          .select(["film_id", "rating"])
          .where("kind", "=", "rating")
          .where("film_id", "in", ids)
          .orderBy("id")
          .execute()
      ).map((r) => [r.film_id, r.rating]),
    );
    const directors = await directorNames(db, ids);
    for (const film of page) {
      if (reviewed.has(film.id)) continue;
      const rating = ratings.get(film.id) ?? null;
      yield {
        ...filmColumns(film, directors.get(film.id) ?? []),
        Rating: fiveStars(rating),
        Rating10: tenPoints(rating),
        WatchedDate: "",
        Rewatch: "",
        Tags: "",
        Review: "",
      };
    }
  }
}
