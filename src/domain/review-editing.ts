// Editing a review from the admin: one transaction re-renders the body, re-sets the tags,
// re-indexes search, keeps the previous body as a revision, and records what changed so that
// no cached page keeps showing the review as it was.
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Review, ReviewRevision, ReviewStatus } from "../db/schema.ts";
import { excerptFrom, renderReviewBody } from "../content/markdown.ts";
import { indexReview } from "../search/indexer.ts";
import { recordChange, reviewChangeTags } from "./changes.ts";
import { ReviewInputError } from "./reviews.ts";
import { assertStillsDescribed } from "./stills.ts";
import { setReviewTags, tagsOfReview } from "./tags.ts";
import { nowIso, toIso } from "./time.ts";

export interface ReviewUpdate {
  filmId: number;
  body: string;
  /** 0–100, or null for an unrated review. */
  rating: number | null;
  watchedOn: string | null;
  isRewatch: boolean;
  hasSpoilers: boolean;
  status: ReviewStatus;
  /** Required when scheduling; defaults to the first publication (or now) when publishing. */
  publishedAt?: string | null;
  tags: string[];
  /** Who saved, for the revision history. */
  editorId?: number | null;
}

export async function updateReview(db: Db, reviewId: number, input: ReviewUpdate): Promise<Review> {
  return inTransaction(db, async (trx) => {
    const before = await trx.kysely
      .selectFrom("reviews")
      .selectAll()
      .where("id", "=", reviewId)
      .executeTakeFirst();
    if (!before) throw new ReviewInputError(`No review with id ${reviewId}.`);
    // Stills need alt text before a review goes public (issue 5; src/domain/stills.ts).
    if (input.status !== "draft") await assertStillsDescribed(trx, reviewId);
    if (input.rating != null && !(input.rating >= 0 && input.rating <= 100)) {
      throw new ReviewInputError("A rating must be between 0 and 100.");
    }
    const film = await trx.kysely
      .selectFrom("films")
      .select("id")
      .where("id", "=", input.filmId)
      .executeTakeFirst();
    if (!film) throw new ReviewInputError(`No film with id ${input.filmId}.`);

    const publishedAt = resolvePublishedAt(before, input);
    if (before.body_md !== input.body) {
      await trx.kysely
        .insertInto("review_revisions")
        .values({
          review_id: reviewId,
          body_md: before.body_md,
          author_id: input.editorId ?? null,
          created_at: nowIso(),
        })
        .execute();
    }
    const after = await trx.kysely
      .updateTable("reviews")
      .set({
        film_id: input.filmId,
        body_md: input.body,
        body_html: renderReviewBody(input.body),
        excerpt: excerptFrom(input.body),
        rating: input.rating == null ? null : Math.round(input.rating),
        watched_on: input.watchedOn,
        is_rewatch: input.isRewatch ? 1 : 0,
        has_spoilers: input.hasSpoilers ? 1 : 0,
        status: input.status,
        published_at: publishedAt,
        updated_at: nowIso(),
      })
      .where("id", "=", reviewId)
      .returningAll()
      .executeTakeFirstOrThrow();

    // setReviewTags records the review's own change tags and re-indexes it.
    await setReviewTags(trx, reviewId, input.tags);
    await indexReview(trx, reviewId);
    const visibilityChanged =
      before.status !== after.status ||
      before.published_at !== after.published_at ||
      before.film_id !== after.film_id;
    const wasOrIsPublic = before.status !== "draft" || after.status !== "draft";
    if (visibilityChanged && wasOrIsPublic) await recordChange(trx, ["public-set"]);
    else await recordChange(trx, await reviewChangeTags(trx, reviewId));
    return after;
  });
}

function resolvePublishedAt(before: Review, input: ReviewUpdate): string | null {
  if (input.status === "scheduled") {
    if (!input.publishedAt) throw new ReviewInputError("A scheduled review needs a time.");
    return toIso(input.publishedAt);
  }
  if (input.status === "published") {
    if (input.publishedAt) return toIso(input.publishedAt);
    // Re-saving a published review keeps its date; publishing a draft or a scheduled
    // review now makes it public now.
    return before.status === "published" && before.published_at ? before.published_at : nowIso();
  }
  return null;
}

interface EditableReview {
  review: Review;
  tags: string[];
}

/** The review row by id, whatever its status (the admin decides what may be done with it). */
export async function reviewById(db: Db, reviewId: number): Promise<Review | undefined> {
  return db.kysely.selectFrom("reviews").selectAll().where("id", "=", reviewId).executeTakeFirst();
}

export async function reviewForEditing(
  db: Db,
  reviewId: number,
): Promise<EditableReview | undefined> {
  const review = await reviewById(db, reviewId);
  if (!review) return undefined;
  const tags = await tagsOfReview(db, reviewId);
  return { review, tags: tags.map((t) => t.name) };
}

/** Earlier bodies of a review, newest first. */
export async function reviewRevisions(db: Db, reviewId: number): Promise<ReviewRevision[]> {
  return db.kysely
    .selectFrom("review_revisions")
    .selectAll()
    .where("review_id", "=", reviewId)
    .orderBy("id", "desc")
    .execute();
}

export interface RevisionItem {
  id: number;
  body: string;
  /** Who wrote this version and when: the save that put it in place. */
  writtenBy: string | null;
  writtenAt: string;
  /** The save that replaced it (and so kept it here). */
  replacedBy: string | null;
  replacedAt: string;
}

/**
 * Earlier versions, newest first, with who wrote each and who replaced it. A revision row is
 * written by the save that replaces a body, so the version in row N was put in place by the
 * save that made row N-1, or, for the oldest, by the review's author when it was created.
 */
export async function revisionHistory(
  db: Db,
  review: Pick<Review, "id" | "author_id" | "created_at">,
): Promise<RevisionItem[]> {
  const rows = await db.kysely
    .selectFrom("review_revisions")
    .leftJoin("users", "users.id", "review_revisions.author_id")
    .select([
      "review_revisions.id as id",
      "review_revisions.body_md as body",
      "review_revisions.created_at as createdAt",
      "users.display_name as editorName",
    ])
    .where("review_revisions.review_id", "=", review.id)
    .orderBy("review_revisions.id", "asc")
    .execute();
  const author = await db.kysely
    .selectFrom("users")
    .select("display_name")
    .where("id", "=", review.author_id)
    .executeTakeFirst();
  const items = rows.map((row, i) => {
    const before = rows[i - 1];
    return {
      id: row.id,
      body: row.body,
      writtenBy: before ? before.editorName : (author?.display_name ?? null),
      writtenAt: before ? before.createdAt : review.created_at,
      replacedBy: row.editorName,
      replacedAt: row.createdAt,
    };
  });
  return items.reverse();
}
