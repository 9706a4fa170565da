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

/**
 * The ids of the reviews that are NOT public at `nowParameter`, as SQL: the same rule turned
 * round. A search matches most reviews for a common word; asking "is it among the few hidden
 * ones?" of each match costs a probe of a small set, where reading each match's row to check
 * its status walked the reviews table, whose rows carry whole bodies (bench/README.md,
 * "Search: visibility from the few hidden reviews"). Each arm is served by an index: the
 * dates by `reviews_published`, the drafts by the partial index `reviews_unpublished`.
 */
export function hiddenReviewIdsSql(nowParameter: string): string {
  return (
    `select id from reviews where published_at is null or ` +
    `(published_at > ${nowParameter} and published_at <= '${lastStoredTime}') ` +
    `union all select id from reviews where status not in ('published', 'scheduled')`
  );
}

/**
 * The last time toIso (domain/time.ts) can write: every stored date is at or before it, so the
 * bound above leaves out nothing. It is there for PostgreSQL's generic plans, made without
 * the date: "later than some date" alone it guesses is a third of the reviews and reads them
 * all (0.2 ms, three times a search); a range between two bounds it guesses is a few and reads
 * them from the index on the dates (bench/README.md, "Search on PostgreSQL without planning").
 */
const lastStoredTime = "9999-12-31T23:59:59.999Z";
