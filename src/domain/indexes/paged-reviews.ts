// One page of public reviews narrowed by some filter (a month, a film year, a rating),
// newest first. Every review listing among the index pages goes through here.
import type { Db } from "../../db/connect.ts";
import { reviewSummariesByIds, type Page, type ReviewSummary } from "../reviews.ts";
import { publishedReviews } from "../visibility.ts";

export const reviewsPerPage = 10;

function publicReviewsWithFilms(db: Db, now: string) {
  return publishedReviews(db, now).innerJoin("films", "films.id", "reviews.film_id");
}

type PublicReviewQuery = ReturnType<typeof publicReviewsWithFilms>;

/** Adds where clauses to the public reviews (joined with their films). */
type ReviewFilter = (query: PublicReviewQuery) => PublicReviewQuery;

/**
 * Counts the matching reviews, then fetches only this page's ids and their summaries. A page
 * past the end comes back with no items (pageCount tells the caller to answer 404).
 */
export async function pagedReviews(
  db: Db,
  now: string,
  filter: ReviewFilter,
  page: number,
  perPage = reviewsPerPage,
): Promise<Page<ReviewSummary>> {
  const countRow = await filter(publicReviewsWithFilms(db, now))
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n); // PostgreSQL returns count() as a string
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  if (total === 0 || page > pageCount) return { items: [], page, pageCount, total };
  const idRows = await filter(publicReviewsWithFilms(db, now))
    .select("reviews.id as id")
    .orderBy("reviews.published_at", "desc")
    .orderBy("reviews.id", "desc")
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const ids = idRows.map((r) => r.id);
  const summaries = await reviewSummariesByIds(db, ids, now);
  // reviewSummariesByIds sorts by time alone; restore our order so ties stay stable.
  const position = new Map(ids.map((id, i) => [id, i]));
  summaries.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  return { items: summaries, page, pageCount, total };
}

/** Splits an already sorted list into pages, for indexes that must sort outside SQL. */
export function slicePage<T>(all: T[], page: number, perPage: number): Page<T> {
  const pageCount = Math.max(1, Math.ceil(all.length / perPage));
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    page,
    pageCount,
    total: all.length,
  };
}
