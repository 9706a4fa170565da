// The picture that stands for a film when its page is shared: the lead still of its newest
// public review that has one.
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import { publishedReviews } from "./visibility.ts";

export async function leadStillOfFilm(
  db: Db,
  filmId: number,
  now: string,
): Promise<Still | undefined> {
  return publishedReviews(db, now)
    .innerJoin("stills", "stills.review_id", "reviews.id")
    .selectAll("stills")
    .where("reviews.film_id", "=", filmId)
    .orderBy("reviews.published_at", "desc")
    .orderBy("reviews.id", "desc")
    .orderBy("stills.position")
    .orderBy("stills.id")
    .limit(1)
    .executeTakeFirst();
}
