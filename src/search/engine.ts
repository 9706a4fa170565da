// "One interface, FTS5 and tsvector behind it": what each database does for search.
import type { Db, Dialect } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import { postgresSearch } from "./postgres-search.ts";
import { sqliteSearch } from "./sqlite-search.ts";
import type { QueryTerm } from "./tokens.ts";

export interface SearchEngine {
  /**
   * SQL for the documents holding every term of $2, as rows (id, score) where id is the
   * review's and a higher score is more relevant; $3 is what they are ranked by (PostgreSQL).
   * Written into a prepared statement (src/domain/search-page-read.ts).
   */
  matchesSql: string;
  /** The values of $2 and $3 for these terms. */
  matchParameters(terms: QueryTerm[]): [string, string];
  /** SQL for the stored reader-facing body text of review `reviewId`, for snippets. */
  bodyTextSql(reviewId: string): string;
  /** Inserts or replaces these reviews' documents (each review once). */
  write(db: Db, documents: { reviewId: number; document: SearchDocument }[]): Promise<void>;
  remove(db: Db, reviewId: number): Promise<void>;
  removeAll(db: Db): Promise<void>;
  /**
   * Merges what many writes left in pieces into the index proper, so that a search reads one
   * piece: after a bulk load (src/importers/after-bulk-load.ts), not after each write.
   */
  compact(db: Db): Promise<void>;
}

export function engineFor(db: Db): SearchEngine {
  return engineForDialect(db.dialect);
}

export function engineForDialect(dialect: Dialect): SearchEngine {
  return dialect === "postgres" ? postgresSearch : sqliteSearch;
}
