// The rating spread on the site's scale. Ratings are stored on 0–100 but shown on a coarser
// scale (5 stars in halves, or 10 points), where 85 and 90 both read "★★★★½". So counts are
// kept per step of the scale, not per stored value: each step is named by its stored value
// (90 for ★★★★½ or 9/10), which is also its stable URL, /ratings/90.
import type { Db } from "../../db/connect.ts";
import type { RatingScale } from "../../content/rating.ts";
import { publishedReviews } from "../visibility.ts";
import { pagedListing } from "./paged-reviews.ts";

const withRatingIn = pagedListing("r.rating >= $3 and r.rating < $4");
const unrated = pagedListing("r.rating is null");

interface RatingStep {
  /** The stored value that names this step: 0–100. */
  value: number;
  count: number;
}

export interface RatingSpread {
  /** Highest first; steps no public review has are left out. */
  steps: RatingStep[];
  unrated: number;
}

/** The scale's step of widths: 10 for stars and tens (see displayRating), 1 for hundreds. */
function stepWidth(scale: RatingScale): number {
  return scale === "hundred" ? 1 : 10;
}

/** The step a stored rating shows as, rounding as displayRating does (85 -> 90 on stars). */
export function ratingStep(rating: number, scale: RatingScale): number {
  const width = stepWidth(scale);
  return Math.round(rating / width) * width;
}

/** Whether a stored value names a step of the scale (so whether /ratings/N exists at all). */
export function isRatingStep(value: number, scale: RatingScale): boolean {
  return scale !== "none" && value >= 0 && value <= 100 && ratingStep(value, scale) === value;
}

/** Stored ratings [from, to) that show as this step; stored ratings are whole numbers. */
function stepRange(value: number, scale: RatingScale): { from: number; to: number } {
  const half = stepWidth(scale) / 2;
  return half < 1 ? { from: value, to: value + 1 } : { from: value - half, to: value + half };
}

export async function ratingSpread(db: Db, now: string, scale: RatingScale): Promise<RatingSpread> {
  const rows = await publishedReviews(db, now)
    .select((eb) => ["reviews.rating as rating", eb.fn.countAll().as("n")])
    .groupBy("reviews.rating")
    .execute();
  const counts = new Map<number, number>();
  let unrated = 0;
  for (const row of rows) {
    const n = Number(row.n);
    if (row.rating == null) unrated += n;
    else {
      const step = ratingStep(Number(row.rating), scale);
      counts.set(step, (counts.get(step) ?? 0) + n);
    }
  }
  const steps = [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.value - a.value);
  return { steps, unrated };
}

/** Public reviews showing as this step of the scale, newest first. */
export function reviewsWithRating(
  db: Db,
  now: string,
  value: number,
  scale: RatingScale,
  page: number,
  perPage?: number,
) {
  const { from, to } = stepRange(value, scale);
  return withRatingIn.page(db, now, page, perPage, [from, to]);
}

export function unratedReviews(db: Db, now: string, page: number, perPage?: number) {
  return unrated.page(db, now, page, perPage, []);
}
