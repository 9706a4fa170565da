// Full-text search over public reviews: film titles, people, tags and review bodies, ranked
// with title matches first, the same way on SQLite (FTS5) and PostgreSQL (tsvector).
import type { Db } from "../db/connect.ts";
import { directorsOf } from "./films.ts";
import { approvedCommentCounts } from "./indexes/comment-counts.ts";
import type { Page } from "./reviews.ts";
import { isPublicReview } from "./visibility.ts";
import { engineFor } from "../search/engine.ts";
import { hasMatch, highlight, snippet, type Segment } from "../search/snippet.ts";
import { fold, queryTerms, type QueryTerm } from "../search/tokens.ts";

export type { Segment } from "../search/snippet.ts";

export interface SearchResult {
  reviewId: number;
  slug: string;
  publishedAt: string;
  hasSpoilers: boolean;
  film: { slug: string; title: string; year: number | null };
  /** The film's title with matching words marked. */
  title: Segment[];
  /** The original title, when it differs and holds a match. */
  originalTitle: Segment[] | undefined;
  directors: { slug: string; name: string }[];
  /** A passage of the review around the matching words. */
  snippet: Segment[];
  /** Approved comments on the review. */
  commentCount: number;
}

export interface SearchPage extends Page<SearchResult> {
  /** The words searched for, after folding; empty when the query had none. */
  terms: QueryTerm[];
  perPage: number;
}

const resultsPerPage = 10;

/** Public reviews matching every word of the query, best first. Any input is safe here. */
export async function searchReviews(
  db: Db,
  query: string,
  now: string,
  page = 1,
  perPage = resultsPerPage,
): Promise<SearchPage> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { items: [], total: 0, page, pageCount: 1, terms, perPage };
  const engine = engineFor(db);
  // Visibility is checked here, at query time, never at indexing time. The matches come
  // first and CROSS JOIN keeps them first: SQLite would otherwise run the full-text query
  // once for every review.
  const visible = db.kysely
    .selectFrom(engine.matches(terms))
    .crossJoin("reviews")
    .whereRef("reviews.id", "=", "matches.review_id")
    .where(isPublicReview(now));
  // The count and the page at once: on PostgreSQL they run on two connections, so a search
  // waits for the slower of the two rather than for both one after the other.
  const [count, rows] = await Promise.all([
    visible.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    visible
      .innerJoin("films", "films.id", "reviews.film_id")
      .select([
        "reviews.id as id",
        "reviews.slug as slug",
        "reviews.published_at as publishedAt",
        "reviews.has_spoilers as hasSpoilers",
        "films.id as filmId",
        "films.slug as filmSlug",
        "films.title as title",
        "films.original_title as originalTitle",
        "films.year as year",
      ])
      // Equal scores fall back to the newest review, so pages never shuffle between requests.
      .orderBy("matches.score", "desc")
      .orderBy("reviews.published_at", "desc")
      .orderBy("reviews.id", "desc")
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  const total = Number(count.n); // PostgreSQL returns count() as a string
  const filmIds = [...new Set(rows.map((r) => r.filmId))];
  const reviewIds = rows.map((r) => r.id);
  const [bodies, directors, commentCounts] = await Promise.all([
    engine.bodyTexts(db, reviewIds),
    directorsOf(db, filmIds),
    approvedCommentCounts(db, reviewIds),
  ]);
  const items = rows.map((r): SearchResult => {
    const original = r.originalTitle ? highlight(r.originalTitle, terms) : undefined;
    return {
      reviewId: r.id,
      slug: r.slug,
      publishedAt: r.publishedAt ?? "",
      hasSpoilers: r.hasSpoilers === 1,
      film: { slug: r.filmSlug, title: r.title, year: r.year },
      title: highlight(r.title, terms),
      // Shown only when it explains the match and is not the title in other letter case.
      originalTitle:
        original && hasMatch(original) && fold(r.originalTitle ?? "") !== fold(r.title)
          ? original
          : undefined,
      directors: directors.get(r.filmId) ?? [],
      snippet: snippet(bodies.get(r.id) ?? "", terms),
      commentCount: commentCounts.get(r.id) ?? 0,
    };
  });
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return { items, total, page, pageCount, terms, perPage };
}
