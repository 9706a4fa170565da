// Public listings walk reviews newest first. An index on (published_at, id, status) lets the
// database find one page's rows in order and count or skip the rest from the index alone;
// the old (status, published_at) index made SQLite read and sort every public review,
// bodies and all, for each listing.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("reviews_public").execute();
  await db.schema
    .createIndex("reviews_published")
    .on("reviews")
    .columns(["published_at", "id", "status"])
    .execute();
}
