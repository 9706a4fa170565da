// Indexes for uncached pages (issue #15). A year's page counted and listed its reviews by
// walking every public review newest first and looking up each one's film for its year (on
// 2,000 reviews about 1 ms a page on SQLite): with the films' years indexed, the year's few
// films are found first and their reviews through `reviews_film`. A review's page reads the
// ids, parents and kinds of its whole thread to cut the comment pages; the second index holds
// those columns, so a long thread is read from the index alone, not from its rows and bodies.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex("films_year").on("films").column("year").execute();
  await db.schema
    .createIndex("comments_review_thread")
    .on("comments")
    .columns(["review_id", "status", "created_at", "id", "parent_id", "kind"])
    .execute();
}
