// Writes and removes reviews in the search index: their postings (postings.ts) and the body
// text that result snippets are cut from. The tables are the same on both databases
// (migrations/041-search-postings.ts); only how a statement takes many rows differs.
import { CompiledQuery, sql, type Kysely } from "kysely";
import type { Db, Dialect } from "../db/connect.ts";
import type { SearchDocument } from "./document.ts";
import { postingsOf } from "./postings.ts";

interface IndexedReview {
  reviewId: number;
  document: SearchDocument;
}

// Rows a statement: each database takes them as one parameter (below), in pieces of this size.
const rowsPerInsert = 20_000;

/**
 * Replaces these reviews' entries (each review once). Takes any Kysely so that a migration
 * can fill the index with what the tables hold at that point of their history.
 */
export async function writeIndexRows(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  kysely: Kysely<any>,
  dialect: Dialect,
  reviews: IndexedReview[],
): Promise<void> {
  if (reviews.length === 0) return;
  const run = (text: string, parameters: unknown[]) =>
    kysely.executeQuery(CompiledQuery.raw(text, parameters));
  const ids = reviews.map((r) => r.reviewId);
  // In the order of the index's key: a batch's rows then fill the B-tree's pages one after
  // another instead of touching a different page for each row (a 2,000-review load's postings
  // on SQLite in batches of 50: 8.5 s unsorted, 6.1 s sorted).
  const rows: [string, number, number][] = [];
  for (const { reviewId, document } of reviews) {
    for (const [token, impact] of postingsOf(document)) rows.push([token, reviewId, impact]);
  }
  rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]));
  if (dialect === "postgres") {
    await run(`delete from search_postings where review_id = any($1::integer[])`, [ids]);
    await run(
      `insert into search_texts (review_id, body_text)
        select * from unnest($1::integer[], $2::text[])
        on conflict (review_id) do update set body_text = excluded.body_text`,
      [ids, reviews.map((r) => r.document.body_text)],
    );
    for (let i = 0; i < rows.length; i += rowsPerInsert) {
      const piece = rows.slice(i, i + rowsPerInsert);
      await run(
        `insert into search_postings (token, review_id, impact)
          select * from unnest($1::text[], $2::integer[], $3::double precision[])`,
        [piece.map((r) => r[0]), piece.map((r) => r[1]), piece.map((r) => r[2])],
      );
    }
    return;
  }
  // SQLite: the rows as one JSON parameter, so that the statement's text is the same whatever
  // their number and is prepared once (a VALUES list is a new text for every count of rows, and
  // binds at most 32,766 values).
  await run(`delete from search_postings where review_id in (select value from json_each(?))`, [
    JSON.stringify(ids),
  ]);
  await run(
    `insert or replace into search_texts (review_id, body_text)
      select value ->> 0, value ->> 1 from json_each(?)`,
    [JSON.stringify(reviews.map((r) => [r.reviewId, r.document.body_text]))],
  );
  for (let i = 0; i < rows.length; i += rowsPerInsert) {
    await run(
      `insert into search_postings (token, review_id, impact)
        select value ->> 0, value ->> 1, value ->> 2 from json_each(?)`,
      [JSON.stringify(rows.slice(i, i + rowsPerInsert))],
    );
  }
}

/** Replaces these reviews' entries in the index. */
export async function writeIndex(db: Db, reviews: IndexedReview[]): Promise<void> {
  await writeIndexRows(db.kysely, db.dialect, reviews);
}

export async function removeFromIndex(db: Db, reviewId: number): Promise<void> {
  await sql`delete from search_postings where review_id = ${reviewId}`.execute(db.kysely);
  await sql`delete from search_texts where review_id = ${reviewId}`.execute(db.kysely);
}

export async function emptyIndex(db: Db): Promise<void> {
  await sql`delete from search_postings`.execute(db.kysely);
  await sql`delete from search_texts`.execute(db.kysely);
}
