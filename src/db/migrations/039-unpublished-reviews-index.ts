// The reviews that are not public by their status (drafts), found without reading every
// review: search asks which of its matches are hidden (src/domain/visibility.ts,
// hiddenReviewIdsSql) and the dates are answered by `reviews_published` already. Partial, so
// it holds only the drafts and costs nothing for the published majority.
import { sql, type Kysely } from "kysely";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index reviews_unpublished on reviews (id)
    where status not in ('published', 'scheduled')`.execute(db);
}
