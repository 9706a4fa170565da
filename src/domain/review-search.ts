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
  // One pass over the matches gives both the count and the page: the full-text match (and on
  // PostgreSQL the read of every matching review's vector) is the cost of a search for a
  // common word, and counting in a second query did all of it again. Visibility is checked
  // here, at query time, never at indexing time. The matches come first and CROSS JOIN keeps
  // them first: SQLite would otherwise run the full-text query once for every review. Only
  // the id, score and date of each match are kept and sorted; the page's ten rows are joined
  // to their films afterwards.
  const rows = await db.kysely
    .with(
      (cte) => cte("matched").materialized(),
      (qb) =>
        qb
          .selectFrom(engine.matches(terms))
          .crossJoin("reviews")
          .whereRef("reviews.id", "=", "matches.review_id")
          .where(isPublicReview(now))
          .select([
            "matches.review_id as reviewId",
            "matches.score as score",
            "reviews.published_at as publishedAt",
          ]),
    )
    .with("page", (qb) =>
      qb
        .selectFrom("matched")
        .selectAll()
        // Equal scores fall back to the newest review, so pages never shuffle between requests.
        .orderBy("score", "desc")
        .orderBy("publishedAt", "desc")
        .orderBy("reviewId", "desc")
        .limit(perPage)
        .offset((page - 1) * perPage),
    )
    // The count's one row, joined to the page's rows: a page past the end still counts.
    .selectFrom((qb) =>
      qb
        .selectFrom("matched")
        .select((eb) => eb.fn.countAll().as("total"))
        .as("counted"),
    )
    .leftJoin("page", (join) => join.onTrue())
    .leftJoin("reviews", "reviews.id", "page.reviewId")
    .leftJoin("films", "films.id", "reviews.film_id")
    .select([
      "counted.total as total",
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
    .orderBy("page.score", "desc")
    .orderBy("page.publishedAt", "desc")
    .orderBy("page.reviewId", "desc")
    .execute();
  const total = Number(rows[0]?.total ?? 0); // PostgreSQL returns count() as a string
  const found = rows.flatMap((r) =>
    r.id === null || r.slug === null || r.filmId === null || r.filmSlug === null || r.title === null
      ? [] // the count's row alone, when the page is past the end
      : [{ ...r, id: r.id, slug: r.slug, filmId: r.filmId, filmSlug: r.filmSlug, title: r.title }],
  );
  const filmIds = [...new Set(found.map((r) => r.filmId))];
  const reviewIds = found.map((r) => r.id);
  const [bodies, directors, commentCounts] = await Promise.all([
    engine.bodyTexts(db, reviewIds),
    directorsOf(db, filmIds),
    approvedCommentCounts(db, reviewIds),
  ]);
  const items = found.map((r): SearchResult => {
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
