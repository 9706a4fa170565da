// The latest approved comments for the comment feeds: on every public review, post and page
// for the site's feed (WordPress's /comments/feed/ carried them all), or on one review.
import type { Db } from "../db/connect.ts";
import { filmLabel } from "./films.ts";
import { toPublic, type PublicComment } from "./comments.ts";
import { postPath } from "./posts.ts";

export interface FeedComment extends PublicComment {
  /** The page the comment is on, e.g. /review/SLUG or /pages/SLUG. */
  subjectPath: string;
  /** "Leaving Las Vegas (1995)", or a post's or page's title. */
  subjectTitle: string;
}

export async function latestApprovedComments(
  db: Db,
  now: string,
  reviewId?: number,
  limit = 50,
): Promise<FeedComment[]> {
  let query = db.kysely
    .selectFrom("comments")
    .leftJoin("reviews", "reviews.id", "comments.review_id")
    .leftJoin("films", "films.id", "reviews.film_id")
    .leftJoin("posts", "posts.id", "comments.post_id")
    .selectAll("comments")
    .select([
      "reviews.slug as review_slug",
      "films.title as film_title",
      "films.year as film_year",
      "posts.kind as post_kind",
      "posts.slug as post_slug",
      "posts.title as post_title",
    ])
    .where("comments.status", "=", "approved")
    // Public as readers see it: published, or scheduled and come due (visibility.ts).
    .where((eb) =>
      eb.or([
        eb.and([
          eb("reviews.status", "in", ["published", "scheduled"]),
          eb("reviews.published_at", "<=", now),
        ]),
        eb.and([
          eb("posts.status", "in", ["published", "scheduled"]),
          eb("posts.published_at", "<=", now),
        ]),
      ]),
    );
  if (reviewId !== undefined) query = query.where("comments.review_id", "=", reviewId);
  const rows = await query
    .orderBy("comments.created_at", "desc")
    .orderBy("comments.id", "desc")
    .limit(limit)
    .execute();
  return Promise.all(
    rows.map(async (r) => {
      const onPost = r.post_kind != null && r.post_slug != null;
      return {
        ...(await toPublic(db, r)),
        subjectPath: onPost
          ? postPath(r.post_kind!, r.post_slug!)
          : `/review/${encodeURIComponent(r.review_slug ?? "")}`,
        subjectTitle: onPost
          ? (r.post_title ?? "")
          : filmLabel({ title: r.film_title ?? "", year: r.film_year }),
      };
    }),
  );
}
