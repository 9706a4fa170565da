// Which reviews the fediverse should hear about: public ones published since federation began
// on this site that were never sent or were edited since (Create or Update), and sent ones no
// longer public (Delete). Scheduled reviews count once their time has come, as everywhere.
import type { Db } from "../../db/connect.ts";
import { nowIso } from "../time.ts";
import { isPublicReview } from "../visibility.ts";

/** Settings key: reviews published before this time are never sent (the back catalogue). */
const federationSinceKey = "federation.since";

export interface ReviewToSend {
  id: number;
  slug: string;
  /** Whose review it is: their own actor, when on, is who the Article is attributed to. */
  authorId: number;
  excerpt: string;
  title: string;
  year: number | null;
  publishedAt: string;
  updatedAt: string;
  /** Set when an earlier version went out: this one is an Update. */
  sentBefore: boolean;
  /** The version that went out last (null: none), which claiming this send must still find. */
  sentUpdatedAt: string | null;
  still: { path: string; alt: string; width: number; height: number } | null;
  tags: { name: string; slug: string }[];
}

/** When federation began here; the first call records now. */
async function federationSince(db: Db): Promise<string> {
  const now = nowIso();
  await db.kysely
    .insertInto("settings")
    .values({ key: federationSinceKey, value: now })
    .onConflict((oc) => oc.column("key").doNothing())
    .execute();
  const row = await db.kysely
    .selectFrom("settings")
    .select("value")
    .where("key", "=", federationSinceKey)
    .executeTakeFirstOrThrow();
  return row.value;
}

function reviewColumns(db: Db) {
  return db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .leftJoin("federation_posts", "federation_posts.review_id", "reviews.id")
    .select([
      "reviews.id as id",
      "reviews.slug as slug",
      "reviews.author_id as authorId",
      "reviews.excerpt as excerpt",
      "films.title as title",
      "films.year as year",
      "reviews.published_at as publishedAt",
      "reviews.updated_at as updatedAt",
      "federation_posts.sent_updated_at as sentUpdatedAt",
    ]);
}

export async function reviewsToSend(db: Db, now: string, limit = 20): Promise<ReviewToSend[]> {
  const since = await federationSince(db);
  const rows = await reviewColumns(db)
    .where(isPublicReview(now))
    .where("reviews.published_at", ">=", since)
    .where((eb) =>
      eb.or([
        eb("federation_posts.review_id", "is", null),
        eb("federation_posts.sent_updated_at", "<>", eb.ref("reviews.updated_at")),
      ]),
    )
    .orderBy("reviews.published_at")
    .limit(limit)
    .execute();
  return Promise.all(rows.map((row) => withStillAndTags(db, row)));
}

/** A review the fediverse was sent and may still see, as its Article shows it. */
export async function sentReview(db: Db, reviewId: number): Promise<ReviewToSend | null> {
  const row = await reviewColumns(db)
    .where(isPublicReview(nowIso()))
    .where("reviews.id", "=", reviewId)
    .where("federation_posts.review_id", "is not", null)
    .executeTakeFirst();
  if (!row) return null;
  const review = await withStillAndTags(db, row);
  // Marked as edited once it has been changed since it went public.
  return { ...review, sentBefore: review.updatedAt > review.publishedAt };
}

async function withStillAndTags(
  db: Db,
  row: {
    id: number;
    slug: string;
    authorId: number;
    excerpt: string;
    title: string;
    year: number | null;
    publishedAt: string | null;
    updatedAt: string;
    sentUpdatedAt: string | null;
  },
): Promise<ReviewToSend> {
  const still = await db.kysely
    .selectFrom("stills")
    .select(["path", "alt", "width", "height"])
    .where("review_id", "=", row.id)
    .orderBy("position")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  const tags = await db.kysely
    .selectFrom("review_tags")
    .innerJoin("tags", "tags.id", "review_tags.tag_id")
    .select(["tags.name as name", "tags.slug as slug"])
    .where("review_tags.review_id", "=", row.id)
    .orderBy("tags.name")
    .execute();
  return {
    id: row.id,
    slug: row.slug,
    authorId: row.authorId,
    excerpt: row.excerpt,
    title: row.title,
    year: row.year,
    publishedAt: row.publishedAt!,
    updatedAt: row.updatedAt,
    sentBefore: row.sentUpdatedAt !== null,
    sentUpdatedAt: row.sentUpdatedAt,
    still: still ?? null,
    tags,
  };
}

/** Reviews sent earlier that are no longer public (unpublished, back to draft, deleted). */
export async function reviewsToRetract(db: Db, now: string): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("federation_posts")
    .leftJoin("reviews", "reviews.id", "federation_posts.review_id")
    .select("federation_posts.review_id as id")
    .where((eb) =>
      eb.or([
        eb("reviews.id", "is", null),
        eb.not(
          eb.and([
            eb("reviews.status", "in", ["published", "scheduled"]),
            eb("reviews.published_at", "is not", null),
            eb("reviews.published_at", "<=", now),
          ]),
        ),
      ]),
    )
    .limit(50)
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Claims the sending of this version of a review: true for exactly one caller, however many
 * instances share the database and read the same review at once. The claim is a
 * compare-and-set on the version last sent (none for a Create), so a second instance that read
 * the same state finds it changed and sends nothing.
 */
export async function claimReviewSend(
  db: Db,
  review: Pick<ReviewToSend, "id" | "updatedAt" | "sentUpdatedAt">,
): Promise<boolean> {
  const values = { sent_updated_at: review.updatedAt, sent_at: nowIso() };
  if (review.sentUpdatedAt === null) {
    const inserted = await db.kysely
      .insertInto("federation_posts")
      .values({ review_id: review.id, ...values })
      .onConflict((oc) => oc.column("review_id").doNothing())
      .returning("review_id")
      .executeTakeFirst();
    return inserted !== undefined;
  }
  const updated = await db.kysely
    .updateTable("federation_posts")
    .set(values)
    .where("review_id", "=", review.id)
    .where("sent_updated_at", "=", review.sentUpdatedAt)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Claims the Delete of a review sent earlier: true for the one caller that removed the record. */
export async function claimReviewRetraction(db: Db, reviewId: number): Promise<boolean> {
  const result = await db.kysely
    .deleteFrom("federation_posts")
    .where("review_id", "=", reviewId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Who wrote the review, while it exists (a deleted one's Delete reaches the blog's followers only). */
export async function reviewAuthorId(db: Db, reviewId: number): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom("reviews")
    .select("author_id")
    .where("id", "=", reviewId)
    .executeTakeFirst();
  return row?.author_id;
}
