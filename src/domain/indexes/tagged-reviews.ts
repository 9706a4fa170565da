// One page of a tag's public reviews, newest first, counted and cut in SQL so a tag with
// hundreds of reviews costs the same as one with ten.
import type { Db } from "../../db/connect.ts";
import type { Page, ReviewSummary } from "../reviews.ts";
import { pagedReviews } from "./paged-reviews.ts";

export function reviewsWithTag(
  db: Db,
  now: string,
  tagId: number,
  page: number,
  perPage?: number,
): Promise<Page<ReviewSummary>> {
  return pagedReviews(
    db,
    now,
    (q) =>
      q.where(
        "reviews.id",
        "in",
        db.kysely
          .selectFrom("review_tags")
          .select("review_tags.review_id")
          .where("review_tags.tag_id", "=", tagId),
      ),
    page,
    perPage,
  );
}
