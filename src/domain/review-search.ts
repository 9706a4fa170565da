// Full-text search over public reviews: film titles, people, tags and review bodies, ranked
// with title matches first, the same way on SQLite and PostgreSQL (src/search/match-sql.ts).
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import type { Page } from "./reviews.ts";
import { readSearchPage } from "./search-page-read.ts";
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
  /** The review's lead still, shown as every listing shows it. */
  leadStill?: Still;
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
  const { total, rows } = await readSearchPage(db, terms, now, page, perPage);
  const items = rows.map((r): SearchResult => {
    const original = r.film.originalTitle ? highlight(r.film.originalTitle, terms) : undefined;
    return {
      reviewId: r.id,
      slug: r.slug,
      publishedAt: r.publishedAt,
      hasSpoilers: r.hasSpoilers,
      film: { slug: r.film.slug, title: r.film.title, year: r.film.year },
      title: highlight(r.film.title, terms),
      // Shown only when it explains the match and is not the title in other letter case.
      originalTitle:
        original && hasMatch(original) && fold(r.film.originalTitle ?? "") !== fold(r.film.title)
          ? original
          : undefined,
      directors: r.directors,
      snippet: snippet(r.bodyText, terms),
      commentCount: r.commentCount,
      ...(r.leadStill ? { leadStill: r.leadStill } : {}),
    };
  });
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return { items, total, page, pageCount, terms, perPage };
}
