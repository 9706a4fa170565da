// Search on SQLite: an FTS5 table ranked with bm25(). The table's rowid is the review id, so
// a document is found, replaced and deleted through the rowid index, not by a scan.
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import type { SearchEngine, SearchMatch } from "./engine.ts";
import type { QueryTerm } from "./tokens.ts";

type SqliteSearchTables = {
  search_fts: SearchDocument & { rowid: number };
};

const table = (db: Db) => db.kysely.withTables<SqliteSearchTables>();

/**
 * `"amelie" AND "poul"*`: every term quoted, so none is read as an operator (AND, NEAR, ^…).
 * Terms hold only letters and digits already; doubling quotes keeps this safe regardless.
 */
export function matchExpression(terms: QueryTerm[]): string {
  return terms.map((t) => `"${t.token.replace(/"/g, '""')}"${t.prefix ? "*" : ""}`).join(" AND ");
}

/**
 * FTS5's bm25() counts a match in a column as that many matches, adds them up over the row,
 * then saturates. So a tag is worth five mentions in the body, a person four tags, a title
 * five people: close to PostgreSQL's ts_rank (postgres.ts), where one match in a heavier
 * column outranks any number in a lighter one. The two agree unless a review repeats a word
 * more often than that in a lighter column, or is several times longer than the others.
 */
const bm25Weights = { title: 100, people: 20, tags: 5, body: 1 } as const;

export const sqliteSearch: SearchEngine = {
  matches(terms) {
    const w = bm25Weights;
    // bm25() is better when more negative; negated, higher is better as on PostgreSQL.
    // Weights follow the column order of the table; body_text is never searched.
    return sql<SearchMatch>`(select rowid as review_id,
        -bm25(search_fts, ${sql.lit(w.title)}, ${sql.lit(w.people)}, ${sql.lit(w.tags)},
          ${sql.lit(w.body)}, 0) as score
      from search_fts where search_fts match ${matchExpression(terms)})`.as("matches");
  },

  async write(db, documents) {
    for (let i = 0; i < documents.length; i += 50) {
      await table(db)
        .insertInto("search_fts")
        .orReplace()
        .values(documents.slice(i, i + 50).map((d) => ({ rowid: d.reviewId, ...d.document })))
        .execute();
    }
  },

  async remove(db, reviewId) {
    await table(db).deleteFrom("search_fts").where("rowid", "=", reviewId).execute();
  },

  async removeAll(db) {
    await table(db).deleteFrom("search_fts").execute();
  },

  async bodyTexts(db, reviewIds) {
    if (reviewIds.length === 0) return new Map();
    const rows = await table(db)
      .selectFrom("search_fts")
      .select(["rowid", "body_text"])
      .where("rowid", "in", reviewIds)
      .execute();
    return new Map(rows.map((r) => [r.rowid, r.body_text]));
  },
};
