// What the public may see. A scheduled review becomes public by itself once its time has
// come: the check happens in every query, so no job or restart is needed. Drafts never are.
import type { Db } from "../db/connect.ts";

export function publishedReviews(db: Db, now: string) {
  return db.kysely
    .selectFrom("reviews")
    .where("reviews.status", "in", ["published", "scheduled"])
    .where("reviews.published_at", "is not", null)
    .where("reviews.published_at", "<=", now);
}
