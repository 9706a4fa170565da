// Search moves from the databases' own full-text engines (SQLite's FTS5, PostgreSQL's
// tsvector, migration 003) to one index both databases hold alike: a row per word of each
// review with its weight (src/search/postings.ts), and the body text snippets are cut from.
// A search reads one B-tree range per word and ranks in the same SQL on both databases, so
// the two rank alike; a single word, the commonest search, is two to four times faster, and
// on PostgreSQL under 5 ms where it took up to 10 (bench/README.md, "Search on its own
// index", which also says what it costs: several common words, an import, disk).
//
// The old tables hold each review's words already folded, so the new index is filled from
// them, a few hundred reviews at a time, and then they go.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import type { SearchDocument } from "../../search/document.ts";
import { writeIndexRows } from "../../search/index-store.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

const reviewsPerBatch = 200;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await createTables(db, dialect);
  await copyOldIndex(db, dialect);
  if (dialect === "postgres") {
    await sql`drop table search_documents`.execute(db);
  } else {
    await sql`drop trigger search_fts_review_deleted`.execute(db);
    await sql`drop table search_fts`.execute(db);
  }
}

async function createTables(db: AnyDb, dialect: Dialect): Promise<void> {
  await sql`create table search_texts (
    review_id integer primary key references reviews (id) on delete cascade,
    body_text text not null
  )`.execute(db);
  // The key is the word, then its impact, then the review: a word's reviews are one range,
  // best first, and a prefix's words one range. PostgreSQL's "C" collation orders bytes as
  // SQLite's default does, which a prefix's range relies on (src/search/census.ts). SQLite
  // keeps the rows in the key's B-tree itself (without rowid), so a range reads nothing else.
  if (dialect === "postgres") {
    await sql`create table search_postings (
      token text collate "C" not null,
      review_id integer not null,
      impact double precision not null,
      primary key (token, impact, review_id)
    )`.execute(db);
    // One review's rows, replaced or removed. PostgreSQL joins a query's words on the key
    // (match-sql.ts), so this index needs nothing but the review, whose 400-odd rows it keeps
    // as one entry (B-tree deduplication): 45 MB with the word and impact for the bench's
    // 2,000 reviews, a tenth of that without.
    await sql`create index search_postings_review on search_postings (review_id)`.execute(db);
  } else {
    await sql`create table search_postings (
      token text not null,
      review_id integer not null,
      impact real not null,
      primary key (token, impact, review_id)
    ) without rowid`.execute(db);
    // A word looked up in one review (SQLite joins a query's words so), and one review's rows
    // replaced or removed. SQLite adds the key's columns to the index: the impact comes with it.
    await sql`create index search_postings_review on search_postings (review_id, token)`.execute(
      db,
    );
  }
  // No foreign key on the postings: checking one on each of a site's hundreds of thousands of
  // rows would slow an import by seconds. A deleted review's rows go with it by trigger.
  if (dialect === "postgres") {
    await sql`create function search_postings_forget_review() returns trigger
      language plpgsql as $$
      begin
        delete from search_postings where review_id = old.id;
        return old;
      end $$`.execute(db);
    await sql`create trigger search_postings_review_deleted after delete on reviews
      for each row execute function search_postings_forget_review()`.execute(db);
  } else {
    await sql`create trigger search_postings_review_deleted after delete on reviews
      begin
        delete from search_postings where review_id = old.id;
      end`.execute(db);
  }
}

async function copyOldIndex(db: AnyDb, dialect: Dialect): Promise<void> {
  const [table, key] =
    dialect === "postgres" ? ["search_documents", "review_id"] : ["search_fts", "rowid"];
  let after = 0;
  for (;;) {
    const { rows } = await sql<SearchDocument & { id: number }>`select ${sql.ref(key)} as id,
        title, people, tags, body, body_text
      from ${sql.table(table)} where ${sql.ref(key)} > ${after}
      order by ${sql.ref(key)} limit ${reviewsPerBatch}`.execute(db);
    if (rows.length === 0) return;
    await writeIndexRows(
      db,
      dialect,
      rows.map(({ id, ...document }) => ({ reviewId: Number(id), document })),
    );
    after = Number(rows[rows.length - 1]!.id);
  }
}
