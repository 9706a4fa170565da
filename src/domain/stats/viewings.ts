// The raw facts behind every stats figure, read in a few queries: each viewing (a public
// review's watched day, else its publishing day; and each Letterboxd diary entry that no
// review already covers), the public reviews with their length in words (review-words.ts),
// and per-review comment counts. Only narrow columns are read (an index of migration 031
// holds them all); titles and slugs are read later for the few reviews a page names.
// Everything else is arithmetic over these rows (figures.ts), so both databases agree.
import type { Db } from "../../db/connect.ts";
import { isPublicReview } from "../visibility.ts";
import { reviewWords } from "./review-words.ts";

export interface Viewing {
  /** `YYYY-MM-DD`. */
  day: string;
  filmId: number;
  filmYear: number | null;
  rewatch: boolean;
  /** 0–100, or null. */
  rating: number | null;
  /** The review that records it, or null for a film-log entry. */
  reviewId: number | null;
}

export interface ReviewFacts {
  id: number;
  filmId: number;
  filmYear: number | null;
  rating: number | null;
  /** `YYYY-MM-DD` of publishing. */
  publishedOn: string;
  words: number;
  comments: number;
}

/** A review the page names: its facts with its address and film title (reviewLabels). */
export interface PublicReviewFacts extends ReviewFacts {
  slug: string;
  filmTitle: string;
}

interface StatsFacts {
  viewings: Viewing[];
  reviews: ReviewFacts[];
}

export async function loadStatsFacts(db: Db, now: string): Promise<StatsFacts> {
  const [reviewRows, logRows, commentRows] = await Promise.all([
    db.kysely
      .selectFrom("reviews")
      .innerJoin("films", "films.id", "reviews.film_id")
      .where(isPublicReview(now))
      .select([
        "reviews.id as id",
        "reviews.film_id as filmId",
        "films.year as filmYear",
        "reviews.rating as rating",
        "reviews.watched_on as watchedOn",
        "reviews.is_rewatch as rewatch",
        "reviews.published_at as publishedAt",
        "reviews.updated_at as updatedAt",
      ])
      .execute(),
    db.kysely
      .selectFrom("film_log")
      .innerJoin("films", "films.id", "film_log.film_id")
      .where("film_log.kind", "=", "diary")
      .where("film_log.watched_on", "is not", null)
      .select([
        "film_log.film_id as filmId",
        "films.year as filmYear",
        "film_log.watched_on as watchedOn",
        "film_log.rewatch as rewatch",
        "film_log.rating as rating",
      ])
      .execute(),
    db.kysely
      .selectFrom("comments")
      .where("comments.status", "=", "approved")
      .where("comments.review_id", "is not", null)
      .select((eb) => ["comments.review_id as reviewId", eb.fn.countAll().as("n")])
      .groupBy("comments.review_id")
      .execute(),
  ]);
  const words = await reviewWords(db, reviewRows);
  const comments = new Map(commentRows.map((r) => [Number(r.reviewId), Number(r.n)]));
  const reviews: ReviewFacts[] = [];
  const viewings: Viewing[] = [];
  const covered = new Set<string>();
  for (const r of reviewRows) {
    const publishedOn = (r.publishedAt ?? "").slice(0, 10);
    const day = validDay(r.watchedOn) ?? publishedOn;
    const rating = r.rating == null ? null : Number(r.rating);
    const filmYear = r.filmYear == null ? null : Number(r.filmYear);
    reviews.push({
      id: r.id,
      filmId: r.filmId,
      filmYear,
      rating,
      publishedOn,
      words: words.get(r.id) ?? 0,
      comments: comments.get(r.id) ?? 0,
    });
    viewings.push({
      day,
      filmId: r.filmId,
      filmYear,
      rewatch: !!r.rewatch,
      rating,
      reviewId: r.id,
    });
    covered.add(`${r.filmId}:${day}`);
  }
  for (const l of logRows) {
    const day = validDay(l.watchedOn);
    // A diary entry for the day a review already records is the same viewing, told twice.
    if (!day || covered.has(`${l.filmId}:${day}`)) continue;
    covered.add(`${l.filmId}:${day}`);
    viewings.push({
      day,
      filmId: l.filmId,
      filmYear: l.filmYear == null ? null : Number(l.filmYear),
      rewatch: !!l.rewatch,
      rating: l.rating == null ? null : Number(l.rating),
      reviewId: null,
    });
  }
  viewings.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  return { viewings, reviews };
}

/** The slug and film title of the few reviews a page links to, in the order given. */
export async function reviewLabels(db: Db, chosen: ReviewFacts[]): Promise<PublicReviewFacts[]> {
  if (chosen.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("reviews")
    .innerJoin("films", "films.id", "reviews.film_id")
    .where(
      "reviews.id",
      "in",
      chosen.map((r) => r.id),
    )
    .select(["reviews.id as id", "reviews.slug as slug", "films.title as filmTitle"])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return chosen.flatMap((r) => {
    const label = byId.get(r.id);
    return label ? [{ ...r, slug: label.slug, filmTitle: label.filmTitle }] : [];
  });
}

function validDay(value: string | null | undefined): string | undefined {
  return value && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : undefined;
}
