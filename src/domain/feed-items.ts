// The latest public reviews for a feed, with everything an entry carries: the body, the
// author, the tags, the stills and the directors. One query per kind of data, whatever the
// number of reviews, so a feed costs the same with 1 entry as with 20.
import type { Db } from "../db/connect.ts";
import type { Still } from "../db/schema.ts";
import { directorsOf } from "./films.ts";
import { publishedReviews } from "./visibility.ts";

/** Whose reviews a feed lists: all of them, or those of one series, person or tag. */
export type FeedScope =
  | { kind: "site" }
  | { kind: "series"; seriesId: number }
  | { kind: "person"; personId: number }
  | { kind: "tag"; tagId: number };

export interface FeedReview {
  id: number;
  slug: string;
  /** Sanitised HTML, rendered when the review was saved. */
  bodyHtml: string;
  excerpt: string;
  /** 0–100, or null when unrated. */
  rating: number | null;
  publishedAt: string;
  /** The later of publication and last edit (a review scheduled to go out after its last
   *  edit changed, for its readers, when it went out). */
  updatedAt: string;
  authorName: string;
  film: { id: number; slug: string; title: string; year: number | null };
  directors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
  /** In the reviewer's order; the first is the lead still. */
  stills: Still[];
}

export const feedLength = 20;

export async function latestFeedReviews(
  db: Db,
  scope: FeedScope,
  now: string,
  limit = feedLength,
): Promise<FeedReview[]> {
  let query = publishedReviews(db, now)
    .innerJoin("films", "films.id", "reviews.film_id")
    .innerJoin("users", "users.id", "reviews.author_id")
    .select([
      "reviews.id as id",
      "reviews.slug as slug",
      "reviews.body_html as bodyHtml",
      "reviews.excerpt as excerpt",
      "reviews.rating as rating",
      "reviews.published_at as publishedAt",
      "reviews.updated_at as updatedAt",
      "users.display_name as authorName",
      "films.id as filmId",
      "films.slug as filmSlug",
      "films.title as filmTitle",
      "films.year as filmYear",
    ]);
  // Subqueries rather than joins: a film credited twice to one person (director and writer)
  // or listed twice in a series must still give one entry per review.
  switch (scope.kind) {
    case "site":
      break;
    case "series":
      query = query.where("reviews.film_id", "in", (eb) =>
        eb
          .selectFrom("series_entries")
          .select("series_entries.film_id")
          .where("series_entries.series_id", "=", scope.seriesId),
      );
      break;
    case "person":
      query = query.where("reviews.film_id", "in", (eb) =>
        eb
          .selectFrom("credits")
          .select("credits.film_id")
          .where("credits.person_id", "=", scope.personId),
      );
      break;
    case "tag":
      query = query.where("reviews.id", "in", (eb) =>
        eb
          .selectFrom("review_tags")
          .select("review_tags.review_id")
          .where("review_tags.tag_id", "=", scope.tagId),
      );
      break;
  }
  const rows = await query
    .orderBy("reviews.published_at", "desc")
    .orderBy("reviews.id", "desc")
    .limit(limit)
    .execute();
  if (rows.length === 0) return [];

  const reviewIds = rows.map((r) => r.id);
  const [directors, tags, stills] = await Promise.all([
    directorsOf(db, [...new Set(rows.map((r) => r.filmId))]),
    tagsOfReviews(db, reviewIds),
    stillsOfReviews(db, reviewIds),
  ]);
  return rows.map((r) => {
    const publishedAt = r.publishedAt ?? r.updatedAt;
    return {
      id: r.id,
      slug: r.slug,
      bodyHtml: r.bodyHtml,
      excerpt: r.excerpt,
      rating: r.rating,
      publishedAt,
      updatedAt: r.updatedAt > publishedAt ? r.updatedAt : publishedAt,
      authorName: r.authorName,
      film: { id: r.filmId, slug: r.filmSlug, title: r.filmTitle, year: r.filmYear },
      directors: directors.get(r.filmId) ?? [],
      tags: tags.get(r.id) ?? [],
      stills: stills.get(r.id) ?? [],
    };
  });
}

async function tagsOfReviews(db: Db, reviewIds: number[]) {
  const rows = await db.kysely
    .selectFrom("review_tags")
    .innerJoin("tags", "tags.id", "review_tags.tag_id")
    .select(["review_tags.review_id as reviewId", "tags.slug as slug", "tags.name as name"])
    .where("review_tags.review_id", "in", reviewIds)
    .orderBy("tags.name")
    .execute();
  return groupBy(
    rows,
    (r) => r.reviewId,
    (r) => ({ slug: r.slug, name: r.name }),
  );
}

async function stillsOfReviews(db: Db, reviewIds: number[]) {
  const rows = await db.kysely
    .selectFrom("stills")
    .selectAll()
    .where("review_id", "in", reviewIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return groupBy(
    rows,
    (r) => r.review_id,
    (r) => r,
  );
}

/** Rows grouped by a numeric key, each group's values in row order. */
export function groupBy<T, V>(rows: T[], key: (row: T) => number, value: (row: T) => V) {
  const groups = new Map<number, V[]>();
  for (const row of rows) {
    const list = groups.get(key(row)) ?? [];
    list.push(value(row));
    groups.set(key(row), list);
  }
  return groups;
}
