// Posts and pages (not reviews) sent to the fediverse when the owner chooses (issue 18), and the
// version sent: a newer edit sends an Update, one no longer public a Delete
// (src/federation/publish-posts.ts). Kept apart from federation_posts, which is keyed by review.
import type { Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("federation_post_sends")
    .addColumn("post_id", "integer", (c) => c.primaryKey())
    .addColumn("sent_updated_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text", (c) => c.notNull())
    .execute();
}
