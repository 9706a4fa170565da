// Search on SQLite: an FTS5 table ranked with bm25(). The table's rowid is the review id, so
// a document is found, replaced and deleted through the rowid index, not by a scan.
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import type { SearchEngine } from "./engine.ts";
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
  // bm25() is better when more negative; negated, higher is better as on PostgreSQL. Weights
  // follow the column order of the table; body_text is never searched. The table is not
  // aliased: FTS5 names it in MATCH and in bm25().
  matchesSql: `select rowid as id,
      -bm25(search_fts, ${bm25Weights.title}, ${bm25Weights.people}, ${bm25Weights.tags}, ${bm25Weights.body}, 0) as score
    from search_fts where search_fts match $2`,

  matchParameters(terms) {
    const expression = matchExpression(terms);
    return [expression, expression];
  },

  bodyTextSql: (reviewId) => `(select b.body_text from search_fts b where b.rowid = ${reviewId})`,

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

  // FTS5 writes each transaction's documents as a segment of its own and merges segments
  // only a few at a time, so a site loaded in batches keeps several, and a search reads the
  // matches' lists from each: the bench's generated site had 8, and merged into one its
  // ranked statements took 15–40 % less time in a loop, 4.6 % fewer instructions
  // (bench/README.md, "Search: the index's loose ends"). 0.13 s for its 6 MB index.
  async compact(db) {
    await sql`insert into search_fts(search_fts) values ('optimize')`.execute(db.kysely);
  },
};
