// Full-text search: one document per review (see src/search/). SQLite keeps it in an FTS5
// table whose rowid is the review id; PostgreSQL in a table with a weighted tsvector under a
// GIN index. Both hold folded words only (src/search/tokens.ts), so their tokenizers agree.
import { sql, type Kysely } from "kysely";
import type { Dialect } from "../connect.ts";
import { buildSearchDocument, type SearchDocument } from "../../search/document.ts";

// Migrations must not depend on today's table types, which will change: hence `any`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect === "postgres") await createPostgresTable(db);
  else await createSqliteTable(db);
  await indexExistingReviews(db, dialect);
}

async function createSqliteTable(db: AnyDb): Promise<void> {
  // unicode61 without porter, like PostgreSQL's 'simple': no stemming on either side.
  // body_text is the readable body for snippets, stored but never searched.
  await sql`create virtual table search_fts using fts5(
    title, people, tags, body, body_text unindexed,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
  // A virtual table cannot have a foreign key: a trigger drops a deleted review's document.
  await sql`create trigger search_fts_review_deleted after delete on reviews
    begin
      delete from search_fts where rowid = old.id;
    end`.execute(db);
}

async function createPostgresTable(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("search_documents")
    .addColumn("review_id", "integer", (c) =>
      c.primaryKey().references("reviews.id").onDelete("cascade"),
    )
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("people", "text", (c) => c.notNull())
    .addColumn("tags", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("body_text", "text", (c) => c.notNull())
    // Weights A–D label the columns in order; ts_rank turns them into numbers at query time.
    .addColumn("document", sql`tsvector`, (c) =>
      c
        .generatedAlwaysAs(
          sql`setweight(to_tsvector('simple'::regconfig, title), 'A')
            || setweight(to_tsvector('simple'::regconfig, people), 'B')
            || setweight(to_tsvector('simple'::regconfig, tags), 'C')
            || setweight(to_tsvector('simple'::regconfig, body), 'D')`,
        )
        .stored(),
    )
    .execute();
  await db.schema
    .createIndex("search_documents_document")
    .on("search_documents")
    .using("gin")
    .column("document")
    .execute();
}

// Sites that already have reviews get them indexed now. This reads the tables as they are at
// this point of the migration history, on purpose without the domain code, which may change.
async function indexExistingReviews(db: AnyDb, dialect: Dialect): Promise<void> {
  const reviews = (await db
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .select([
      "reviews.id",
      "reviews.film_id",
      "reviews.body_md",
      "films.title",
      "films.original_title",
    ])
    .execute()) as {
    id: number;
    film_id: number;
    body_md: string;
    title: string;
    original_title: string | null;
  }[];
  for (const review of reviews) {
    const credits = (await db
      .selectFrom("credits")
      .innerJoin("people", "people.id", "credits.person_id")
      .select(["people.name", "credits.character"])
      .where("credits.film_id", "=", review.film_id)
      .orderBy("credits.role")
      .orderBy("credits.position")
      .execute()) as { name: string; character: string | null }[];
    const tags = (await db
      .selectFrom("tags")
      .innerJoin("review_tags", "review_tags.tag_id", "tags.id")
      .select("tags.name")
      .where("review_tags.review_id", "=", review.id)
      .execute()) as { name: string }[];
    const document: SearchDocument = buildSearchDocument({
      title: review.title,
      originalTitle: review.original_title,
      people: credits.flatMap((c) => (c.character ? [c.name, c.character] : [c.name])),
      tags: tags.map((t) => t.name),
      bodyMarkdown: review.body_md,
    });
    if (dialect === "postgres") {
      await db
        .insertInto("search_documents")
        .values({ review_id: review.id, ...document })
        .execute();
    } else {
      await db
        .insertInto("search_fts")
        .values({ rowid: review.id, ...document })
        .execute();
    }
  }
}
