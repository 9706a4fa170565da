// A review's "Up Next": the list its author wrote after it, when it has one (an imported
// post's "Up Next:" line), else the next films of its series. The author's list is shown as
// written, whatever the series order says: authors change plans, skip films and rewatch, and
// each review keeps the plan of its day. Each film links to its review once one is public.
// The review page reads the same rules in SQL, in one statement (src/domain/review-page-read.ts):
// a change here goes there too.
import type { Db } from "../db/connect.ts";
import type { Review, Series } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { recordChange } from "./changes.ts";
import { publishedReviews } from "./visibility.ts";

export interface UpNextFilm {
  film: { id: number; slug: string; title: string; year: number | null };
  /** The public review this film's name links to, if there is one yet. */
  reviewSlug: string | null;
}

export type ShownUpNext =
  | { source: "own"; items: UpNextFilm[] }
  | { source: "series"; items: UpNextFilm[]; series: Pick<Series, "slug" | "title"> };

/**
 * The review's own list, in its order, each film with the public review it leads to: the
 * first one published at or after this review (the one the author was looking forward to),
 * else the latest before it (a film watched ahead of plan). Empty when it has no list.
 */
export async function ownUpNext(
  db: Db,
  review: Pick<Review, "id" | "published_at">,
  now: string,
): Promise<UpNextFilm[]> {
  const rows = await db.kysely
    .selectFrom("review_up_next")
    .innerJoin("films", "films.id", "review_up_next.film_id")
    .select(["films.id as id", "films.slug as slug", "films.title as title", "films.year as year"])
    .where("review_up_next.review_id", "=", review.id)
    .orderBy("review_up_next.position")
    .execute();
  if (rows.length === 0) return [];
  const reviews = await publishedReviews(db, now)
    .select(["reviews.slug as slug", "reviews.film_id as filmId", "reviews.published_at as at"])
    .where("reviews.film_id", "in", [...new Set(rows.map((r) => r.id))])
    .where("reviews.id", "!=", review.id)
    .orderBy("reviews.published_at")
    .orderBy("reviews.id")
    .execute();
  const from = review.published_at ?? now;
  const linkOf = (filmId: number): string | null => {
    const ofFilm = reviews.filter((r) => r.filmId === filmId);
    return (ofFilm.find((r) => (r.at ?? "") >= from) ?? ofFilm.at(-1))?.slug ?? null;
  };
  return rows.map((film) => ({ film, reviewSlug: linkOf(film.id) }));
}

/** The films of each review's own list, in order (for exports); reviews without one are absent. */
export async function ownUpNextFilmIds(
  db: Db,
  reviewIds: number[],
): Promise<Map<number, number[]>> {
  const lists = new Map<number, number[]>();
  for (let i = 0; i < reviewIds.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("review_up_next")
      .select(["review_id", "film_id"])
      .where("review_id", "in", reviewIds.slice(i, i + 500))
      .orderBy("review_id")
      .orderBy("position")
      .execute();
    for (const row of rows) {
      const list = lists.get(row.review_id) ?? [];
      list.push(row.film_id);
      lists.set(row.review_id, list);
    }
  }
  return lists;
}

/**
 * Gives a review being created its own list. Nothing is announced: the new review's own
 * creation drops the pages that could show it.
 */
async function insertOwnUpNext(db: Db, reviewId: number, filmIds: number[]): Promise<void> {
  await insertOwnUpNextOfReviews(db, [{ reviewId, filmIds }]);
}

/** The own lists of many new reviews at once (an import's batch). */
export async function insertOwnUpNextOfReviews(
  db: Db,
  lists: { reviewId: number; filmIds: number[] }[],
): Promise<void> {
  const rows = lists.flatMap(({ reviewId, filmIds }) =>
    filmIds.map((filmId, position) => ({ review_id: reviewId, position, film_id: filmId })),
  );
  for (let i = 0; i < rows.length; i += 500) {
    await db.kysely
      .insertInto("review_up_next")
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

/** Replaces a review's own list (an empty one: the review follows its series again). */
export async function replaceOwnUpNext(db: Db, reviewId: number, filmIds: number[]): Promise<void> {
  await inTransaction(db, async (trx) => {
    const removed = await trx.kysely
      .deleteFrom("review_up_next")
      .where("review_id", "=", reviewId)
      .executeTakeFirst();
    await insertOwnUpNext(trx, reviewId, filmIds);
    if (Number(removed.numDeletedRows) === 0 && filmIds.length === 0) return;
    // Only the review's own page shows its list (no listing does).
    const review = await trx.kysely
      .selectFrom("reviews")
      .select(["slug", "status"])
      .where("id", "=", reviewId)
      .executeTakeFirst();
    if (review && review.status !== "draft") await recordChange(trx, [`review:${review.slug}`]);
  });
}

/** The review follows its series again: its own list is forgotten. */
export function followSeries(db: Db, reviewId: number): Promise<void> {
  return replaceOwnUpNext(db, reviewId, []);
}
