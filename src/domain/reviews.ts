// Reviews: the heart of the site. Drafts are private; scheduled ones go public on their own.
import type { Db } from "../db/connect.ts";
import { inTransaction } from "../db/transaction.ts";
import type { Review, ReviewStatus, Still } from "../db/schema.ts";
import { excerptFrom, renderReviewBody } from "../content/markdown.ts";
import { indexReview } from "../search/indexer.ts";
import { directorsOf } from "./films.ts";
import { approvedCommentCounts } from "./indexes/comment-counts.ts";
import { leadStillsOf } from "./indexes/listing-stills.ts";
import { publicReviewsWhere, summaryPageRead } from "./indexes/summary-page-read.ts";
import { recordChange } from "./changes.ts";
import { setReviewTags } from "./tags.ts";
import { nowIso, toIso } from "./time.ts";
import { uniqueSlug } from "./unique-slug.ts";
import { publishedReviews } from "./visibility.ts";

export interface ReviewInput {
  filmId: number;
  authorId: number;
  slug?: string;
  body: string;
  excerpt?: string;
  /** 0–100, or null for an unrated review. */
  rating?: number | null;
  watchedOn?: string | null;
  isRewatch?: boolean;
  hasSpoilers?: boolean;
  status: ReviewStatus;
  /** Required for scheduled reviews; defaults to now when publishing. */
  publishedAt?: string | Date | null;
  tags?: string[];
}

export class ReviewInputError extends Error {}

export async function createReview(db: Db, input: ReviewInput): Promise<Review> {
  return inTransaction(db, (trx) => insertReview(trx, input));
}

async function insertReview(db: Db, input: ReviewInput): Promise<Review> {
  const time = nowIso();
  const publishedAt = resolvePublishedAt(input, time);
  if (input.rating != null && !(input.rating >= 0 && input.rating <= 100)) {
    throw new ReviewInputError("A rating must be between 0 and 100.");
  }
  const film = await db.kysely
    .selectFrom("films")
    .select(["title", "year"])
    .where("id", "=", input.filmId)
    .executeTakeFirst();
  if (!film) throw new ReviewInputError(`No film with id ${input.filmId}.`);
  const slug = await uniqueSlug(db, "reviews", input.slug ?? `${film.title} ${film.year ?? ""}`);
  const review = await db.kysely
    .insertInto("reviews")
    .values({
      film_id: input.filmId,
      author_id: input.authorId,
      slug,
      body_md: input.body,
      body_html: renderReviewBody(input.body),
      excerpt: input.excerpt?.trim() || excerptFrom(input.body),
      rating: input.rating == null ? null : Math.round(input.rating),
      watched_on: input.watchedOn ?? null,
      is_rewatch: input.isRewatch ? 1 : 0,
      has_spoilers: input.hasSpoilers ? 1 : 0,
      status: input.status,
      published_at: publishedAt,
      created_at: time,
      updated_at: time,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // setReviewTags indexes the review for search itself.
  if (input.tags?.length) await setReviewTags(db, review.id, input.tags);
  else await indexReview(db, review.id);
  // A new public or scheduled review changes what every listing and neighbour shows.
  if (review.status !== "draft") await recordChange(db, ["public-set"]);
  return review;
}

export function resolvePublishedAt(input: ReviewInput, now: string): string | null {
  if (input.status === "draft") return input.publishedAt ? toIso(input.publishedAt) : null;
  if (input.status === "scheduled" && !input.publishedAt) {
    throw new ReviewInputError("A scheduled review needs a publication time.");
  }
  return input.publishedAt ? toIso(input.publishedAt) : now;
}

export interface ReviewSummary {
  id: number;
  slug: string;
  excerpt: string;
  rating: number | null;
  isRewatch: boolean;
  publishedAt: string;
  film: { id: number; slug: string; title: string; year: number | null };
  directors: { slug: string; name: string }[];
  /** Approved comments, shown in listings. */
  commentCount: number;
  /** The review's first still, shown small on its card; none when it has no still. */
  leadStill?: Still;
}

function summaryQuery(db: Db, now: string) {
  return publishedReviews(db, now)
    .innerJoin("films", "films.id", "reviews.film_id")
    .select([
      "reviews.id as id",
      "reviews.slug as slug",
      "reviews.excerpt as excerpt",
      "reviews.rating as rating",
      "reviews.is_rewatch as isRewatch",
      "reviews.published_at as publishedAt",
      "films.id as filmId",
      "films.slug as filmSlug",
      "films.title as filmTitle",
      "films.year as filmYear",
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>["execute"]>>[number];

async function toSummaries(db: Db, rows: SummaryRow[]): Promise<ReviewSummary[]> {
  const ids = rows.map((r) => r.id);
  const [directors, commentCounts, leadStills] = await Promise.all([
    directorsOf(db, [...new Set(rows.map((r) => r.filmId))]),
    approvedCommentCounts(db, ids),
    leadStillsOf(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    excerpt: r.excerpt,
    rating: r.rating,
    isRewatch: r.isRewatch === 1,
    publishedAt: r.publishedAt ?? "",
    film: { id: r.filmId, slug: r.filmSlug, title: r.filmTitle, year: r.filmYear },
    directors: directors.get(r.filmId) ?? [],
    commentCount: commentCounts.get(r.id) ?? 0,
    ...(leadStills.has(r.id) ? { leadStill: leadStills.get(r.id) } : {}),
  }));
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

// The home page's listing: every public review, counted from the reviews alone.
const latestStatement = summaryPageRead({ matching: () => publicReviewsWhere("") });

/** One page of every public review, newest first, in one statement. */
export async function latestReviews(
  db: Db,
  now: string,
  page: number,
  perPage = 10,
): Promise<Page<ReviewSummary>> {
  return (await latestStatement.run(db, now, page, perPage)).page;
}

export async function reviewsOfFilm(db: Db, filmId: number, now: string): Promise<ReviewSummary[]> {
  const rows = await summaryQuery(db, now)
    .where("reviews.film_id", "=", filmId)
    .orderBy("reviews.published_at", "asc")
    .execute();
  return toSummaries(db, rows);
}

/** A public review by its slug; drafts and not-yet-due scheduled reviews are not found. */
export async function publicReviewBySlug(
  db: Db,
  slug: string,
  now: string,
): Promise<Review | undefined> {
  return publishedReviews(db, now)
    .selectAll("reviews")
    .where("reviews.slug", "=", slug)
    .executeTakeFirst();
}

export interface Neighbour {
  slug: string;
  title: string;
  year: number | null;
}

/** The public reviews published just before and just after this one. */
export async function neighbours(
  db: Db,
  review: Pick<Review, "id" | "published_at">,
  now: string,
): Promise<{ previous: Neighbour | undefined; next: Neighbour | undefined }> {
  const at = review.published_at ?? now;
  const base = (publicBy: string) =>
    publishedReviews(db, publicBy)
      .innerJoin("films", "films.id", "reviews.film_id")
      .select(["reviews.slug as slug", "films.title as title", "films.year as year"])
      .where("reviews.id", "!=", review.id);
  // Row-value comparisons let both databases seek straight to the neighbour in the
  // (published_at, id) index instead of walking the listing. The earlier one is bounded by
  // this review's own time rather than by now (the same rows: it was published by now), or
  // SQLite walks down from now through every later review to reach it. Both are asked at
  // once: on PostgreSQL each is a round trip.
  const [previous, next] = await Promise.all([
    base(at < now ? at : now)
      .where((eb) =>
        eb(eb.refTuple("reviews.published_at", "reviews.id"), "<", eb.tuple(at, review.id)),
      )
      .orderBy("reviews.published_at", "desc")
      .orderBy("reviews.id", "desc")
      .limit(1)
      .executeTakeFirst(),
    base(now)
      .where((eb) =>
        eb(eb.refTuple("reviews.published_at", "reviews.id"), ">", eb.tuple(at, review.id)),
      )
      .orderBy("reviews.published_at", "asc")
      .orderBy("reviews.id", "asc")
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { previous, next };
}
