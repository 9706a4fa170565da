// What the public may see. A scheduled review becomes public by itself once its time has
// come: the check happens in every query, so no job or restart is needed. Drafts never are.
import type { ExpressionBuilder } from "kysely";
import type { Db } from "../db/connect.ts";
import type { Database } from "../db/schema.ts";

/** The condition itself, for queries that do not start from the reviews table. */
export function isPublicReview(now: string) {
  return (eb: ExpressionBuilder<Pick<Database, "reviews">, "reviews">) =>
    eb.and([
      eb("reviews.status", "in", ["published", "scheduled"]),
      eb("reviews.published_at", "is not", null),
      eb("reviews.published_at", "<=", now),
    ]);
}

export function publishedReviews(db: Db, now: string) {
  return db.kysely.selectFrom("reviews").where(isPublicReview(now));
}

/**
 * The same rule as SQL text for the prepared reads (src/db/prepared.ts): `alias` is a public
 * review, or post, at the statement's parameter `nowParameter` (e.g. "$1").
 */
export function isPublicSql(alias: string, nowParameter: string): string {
  return (
    `${alias}.status in ('published', 'scheduled') and ${alias}.published_at is not null ` +
    `and ${alias}.published_at <= ${nowParameter}`
  );
}
