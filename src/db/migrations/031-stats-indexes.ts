// Indexes for the stats pages (issue #17: every stats page within 50 ms on a 2,000-review
// site). A review's row carries its long Markdown and HTML, so on SQLite reading its date,
// rating or film from the row means walking the body's overflow pages: this index holds every
// column the stats read of a public review, so they are answered from the index alone. The
// second does the same for the director and cast credits of the films watched.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex("reviews_stats_facts")
    .on("reviews")
    .columns([
      "published_at",
      "status",
      "id",
      "film_id",
      "rating",
      "watched_on",
      "is_rewatch",
      "updated_at",
    ])
    .execute();
  await db.schema
    .createIndex("credits_film_role_person")
    .on("credits")
    .columns(["film_id", "role", "person_id"])
    .execute();
}
