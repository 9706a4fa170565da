// "One interface, FTS5 and tsvector behind it": what each database does for search.
import type { AliasedRawBuilder } from "kysely";
import type { Db } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import { postgresSearch } from "./postgres-search.ts";
import { sqliteSearch } from "./sqlite-search.ts";
import type { QueryTerm } from "./tokens.ts";

export interface SearchMatch {
  review_id: number;
  /** Relevance: higher is better. */
  score: number;
}

export interface SearchEngine {
  /** A subquery of the reviews whose document holds every term, as `matches`. */
  matches(terms: QueryTerm[]): AliasedRawBuilder<SearchMatch, "matches">;
  /** Inserts or replaces these reviews' documents (each review once). */
  write(db: Db, documents: { reviewId: number; document: SearchDocument }[]): Promise<void>;
  remove(db: Db, reviewId: number): Promise<void>;
  removeAll(db: Db): Promise<void>;
  /** The stored reader-facing body text of these reviews, for snippets. */
  bodyTexts(db: Db, reviewIds: number[]): Promise<Map<number, string>>;
}

export function engineFor(db: Db): SearchEngine {
  return db.dialect === "postgres" ? postgresSearch : sqliteSearch;
}
