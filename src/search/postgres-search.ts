// Search on PostgreSQL: a weighted tsvector per review (see migrations/003-search.ts) under a
// GIN index, ranked with ts_rank(). The 'simple' configuration only lower-cases, like
// SQLite's unicode61: no stemming and no stop words on either database.
import { sql } from "kysely";
import type { Db } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import type { SearchEngine } from "./engine.ts";
import type { QueryTerm } from "./tokens.ts";

type PostgresSearchTables = {
  // `document` is generated from the other columns and never written.
  search_documents: SearchDocument & { review_id: number };
};

const table = (db: Db) => db.kysely.withTables<PostgresSearchTables>();

/**
 * `'amelie' & 'poul':*`, for to_tsquery(). Each term is a quoted lexeme, so nothing in it is
 * read as an operator; terms hold only letters and digits already, and quotes and
 * backslashes are escaped all the same.
 */
export function tsquerySource(terms: QueryTerm[], operator: "&" | "|"): string {
  return terms
    .map((t) => `'${t.token.replace(/['\\]/g, (c) => c + c)}'${t.prefix ? ":*" : ""}`)
    .join(` ${operator} `);
}

/**
 * PostgreSQL's default weights for the labels the migration gives the columns: title A,
 * people B, tags C, body D. ts_rank adds a column's further matches with falling weight
 * (1/n²), so one match in a heavier column outranks any number in a lighter one. ts_rank
 * takes them in the order D, C, B, A.
 */
const rankWeights = "{0.1, 0.2, 0.4, 1.0}";

export const postgresSearch: SearchEngine = {
  // Rows must hold every term ($2, joined with &), but they are ranked on any ($3, joined
  // with |): ts_rank then adds up each term's weight the way bm25() does, where for an &
  // query it would score by how close together the terms stand, which SQLite cannot reproduce.
  matchesSql: `select review_id as id,
      ts_rank('${rankWeights}'::float4[], document, to_tsquery('simple', $3)) as score
    from search_documents where document @@ to_tsquery('simple', $2)`,

  matchParameters: (terms) => [tsquerySource(terms, "&"), tsquerySource(terms, "|")],

  bodyTextSql: (reviewId) =>
    `(select b.body_text from search_documents b where b.review_id = ${reviewId})`,

  async write(db, documents) {
    for (let i = 0; i < documents.length; i += 50) {
      await table(db)
        .insertInto("search_documents")
        .values(documents.slice(i, i + 50).map((d) => ({ review_id: d.reviewId, ...d.document })))
        .onConflict((oc) =>
          oc.column("review_id").doUpdateSet((eb) => ({
            title: eb.ref("excluded.title"),
            people: eb.ref("excluded.people"),
            tags: eb.ref("excluded.tags"),
            body: eb.ref("excluded.body"),
            body_text: eb.ref("excluded.body_text"),
          })),
        )
        .execute();
    }
  },

  async remove(db, reviewId) {
    await table(db).deleteFrom("search_documents").where("review_id", "=", reviewId).execute();
  },

  async removeAll(db) {
    await table(db).deleteFrom("search_documents").execute();
  },

  // The GIN index's pending list, where new documents wait unsorted until a vacuum or until
  // it passes its limit (migration 040), is read by every search that uses the index.
  async compact(db) {
    await sql`select gin_clean_pending_list('search_documents_document'::regclass)`.execute(
      db.kysely,
    );
  },
};
