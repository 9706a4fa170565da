// Everything the review page shows, gathered in one place so the view never queries.
import type { Db } from "../db/connect.ts";
import type { Film, Review, Still, Tag } from "../db/schema.ts";
import { reactionCounts, type ReactionCounts } from "./federation/reactions.ts";
import { filmById, filmCredits, type FilmCredit } from "./films.ts";
import { neighbours, type Neighbour } from "./reviews.ts";
import { shownUpNext, type ShownUpNext } from "./review-up-next.ts";
import { stillsOfReview } from "./stills.ts";
import { tagsOfReview } from "./tags.ts";
import { publishedReviews } from "./visibility.ts";

export interface ReviewPageData {
  review: Review;
  film: Film;
  credits: FilmCredit[];
  authorName: string;
  stills: Still[];
  tags: Tag[];
  /** The review's own list as its author wrote it, else its series' next films. */
  upNext: ShownUpNext | undefined;
  previous: Neighbour | undefined;
  next: Neighbour | undefined;
  /** Likes and boosts from the fediverse (who, only in the admin). */
  reactions: ReactionCounts;
}

export async function loadReviewPage(
  db: Db,
  slug: string,
  now: string,
): Promise<ReviewPageData | undefined> {
  // The author's name comes with the review: one round trip fewer on PostgreSQL.
  const row = await publishedReviews(db, now)
    .leftJoin("users", "users.id", "reviews.author_id")
    .selectAll("reviews")
    .select("users.display_name as authorDisplayName")
    .where("reviews.slug", "=", slug)
    .executeTakeFirst();
  if (!row) return undefined;
  const { authorDisplayName, ...review } = row;
  const [film, credits, stills, tags, next3, around, reactions] = await Promise.all([
    filmById(db, review.film_id),
    filmCredits(db, review.film_id),
    stillsOfReview(db, review.id),
    tagsOfReview(db, review.id),
    shownUpNext(db, review, now, 3),
    neighbours(db, review, now),
    reactionCounts(db, review.id),
  ]);
  if (!film) return undefined;
  return {
    review,
    film,
    credits,
    authorName: authorDisplayName ?? "",
    stills,
    tags,
    upNext: next3,
    previous: around.previous,
    next: around.next,
    reactions,
  };
}
