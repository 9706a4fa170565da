// Series: a reviewer's own ordered list of films ("every Vegas film"). A review belongs to an
// entry; the review page shows the next entries as "Up Next", linked once they are reviewed.
import { approvedCommentCounts } from "./indexes/comment-counts.ts";
import { leadStillsOf } from "./indexes/listing-stills.ts";
import type { Db } from "../db/connect.ts";
import type { Series, Still } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { recordChange } from "./changes.ts";
import { nowIso } from "./time.ts";
import { uniqueSlug } from "./unique-slug.ts";
import { publishedReviews } from "./visibility.ts";

export async function createSeries(
  db: Db,
  input: { title: string; description?: string; slug?: string },
): Promise<Series> {
  const time = nowIso();
  const slug = await uniqueSlug(db, "series", input.slug ?? input.title);
  const series = await db.kysely
    .insertInto("series")
    .values({
      slug,
      title: input.title.trim(),
      description: input.description ?? "",
      created_at: time,
      updated_at: time,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordChange(db, ["series"]);
  return series;
}

/** Appends a film to the end of a series; returns the new entry's id. */
export async function appendSeriesEntry(
  db: Db,
  seriesId: number,
  filmId: number,
  reviewId: number | null = null,
): Promise<number> {
  return inTransaction(db, async (trx) => {
    // Two films added at once must not both take the last position + 1.
    await lockSeries(trx, seriesId);
    const last = await trx.kysely
      .selectFrom("series_entries")
      .select((eb) => eb.fn.max("position").as("max"))
      .where("series_id", "=", seriesId)
      .executeTakeFirst();
    const position = last?.max == null ? 0 : Number(last.max) + 1;
    const row = await trx.kysely
      .insertInto("series_entries")
      .values({ series_id: seriesId, film_id: filmId, position, review_id: reviewId })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordChange(trx, ["series"]);
    return row.id;
  });
}

/**
 * Takes the series row's write lock for the rest of the transaction (and marks the series
 * changed, which its feed reads): on PostgreSQL a second writer of the same series waits
 * here and then reads what the first committed; SQLite has one writer at a time anyway.
 * False when the series does not exist.
 */
export async function lockSeries(trx: Db, seriesId: number): Promise<boolean> {
  const row = await trx.kysely
    .updateTable("series")
    .set({ updated_at: nowIso() })
    .where("id", "=", seriesId)
    .returning("id")
    .executeTakeFirst();
  return row !== undefined;
}

export async function attachReviewToEntry(
  db: Db,
  entryId: number,
  reviewId: number,
): Promise<void> {
  await db.kysely
    .updateTable("series_entries")
    .set({ review_id: reviewId })
    .where("id", "=", entryId)
    .execute();
  await recordChange(db, ["series"]);
}

export async function seriesBySlug(db: Db, slug: string): Promise<Series | undefined> {
  return db.kysely.selectFrom("series").selectAll().where("slug", "=", slug).executeTakeFirst();
}

export interface SeriesItem {
  entryId: number;
  position: number;
  filmId: number;
  /** The review attached to this entry, public or not. */
  reviewId: number | null;
  film: { slug: string; title: string; year: number | null };
  /** The public review of this entry, if there is one yet. */
  reviewSlug: string | null;
  publicReviewId: number | null;
}

/**
 * Entries in order, each with the public review that covers it (its own, else the film's);
 * optionally only `limit` entries after a position, so Up Next never reads a whole series.
 */
async function seriesItems(
  db: Db,
  seriesId: number,
  now: string,
  window: { after: number; limit: number } | undefined = undefined,
): Promise<SeriesItem[]> {
  let query = db.kysely
    .selectFrom("series_entries")
    .innerJoin("films", "films.id", "series_entries.film_id")
    .select([
      "series_entries.id as entryId",
      "series_entries.position as position",
      "series_entries.review_id as reviewId",
      "films.id as filmId",
      "films.slug as filmSlug",
      "films.title as title",
      "films.year as year",
    ])
    .where("series_entries.series_id", "=", seriesId)
    .orderBy("series_entries.position")
    .orderBy("series_entries.id");
  if (window) query = query.where("series_entries.position", ">", window.after).limit(window.limit);
  const entries = await query.execute();
  const filmIds = [...new Set(entries.map((e) => e.filmId))];
  const publicReviews =
    filmIds.length === 0
      ? []
      : await publishedReviews(db, now)
          .select(["reviews.id as id", "reviews.slug as slug", "reviews.film_id as filmId"])
          .where("reviews.film_id", "in", filmIds)
          .orderBy("reviews.published_at", "desc")
          .execute();
  const byId = new Map(publicReviews.map((r) => [r.id, r]));
  const latestByFilm = new Map<number, (typeof publicReviews)[number]>();
  for (const r of publicReviews) if (!latestByFilm.has(r.filmId)) latestByFilm.set(r.filmId, r);
  return entries.map((e) => {
    const shown =
      (e.reviewId != null ? byId.get(e.reviewId) : undefined) ?? latestByFilm.get(e.filmId);
    return {
      entryId: e.entryId,
      position: e.position,
      filmId: e.filmId,
      reviewId: e.reviewId,
      film: { slug: e.filmSlug, title: e.title, year: e.year },
      reviewSlug: shown?.slug ?? null,
      publicReviewId: shown?.id ?? null,
    };
  });
}

export interface SeriesOverview {
  series: Series;
  /** Each entry with the approved comments on its public review (0 when it has none). */
  items: (SeriesItem & { commentCount: number; leadStill?: Still })[];
  reviewed: number;
  total: number;
}

export async function seriesOverview(db: Db, series: Series, now: string): Promise<SeriesOverview> {
  const entries = await seriesItems(db, series.id, now);
  const reviewIds = entries.flatMap((e) => (e.publicReviewId === null ? [] : [e.publicReviewId]));
  const [counts, stills] = await Promise.all([
    approvedCommentCounts(db, reviewIds),
    leadStillsOf(db, reviewIds),
  ]);
  const items = entries.map((e) => {
    const still = e.publicReviewId === null ? undefined : stills.get(e.publicReviewId);
    return {
      ...e,
      commentCount: e.publicReviewId === null ? 0 : (counts.get(e.publicReviewId) ?? 0),
      ...(still ? { leadStill: still } : {}),
    };
  });
  return {
    series,
    items,
    reviewed: items.filter((i) => i.reviewSlug).length,
    total: items.length,
  };
}

interface UpNext {
  series: Pick<Series, "slug" | "title">;
  items: SeriesItem[];
}

/**
 * The next `count` films after this review's entry in its series. A review that sits in no
 * series entry of its own falls back to the first entry of its film.
 */
export async function upNext(
  db: Db,
  review: { id: number; film_id: number },
  now: string,
  count = 3,
): Promise<UpNext | undefined> {
  // The entry comes with its series' name in one statement: its own entry, else its film's.
  const entryWhere = (column: "review_id" | "film_id", id: number) =>
    db.kysely
      .selectFrom("series_entries")
      .innerJoin("series", "series.id", "series_entries.series_id")
      .select([
        "series_entries.series_id as series_id",
        "series_entries.position as position",
        "series.slug as slug",
        "series.title as title",
      ])
      .where(`series_entries.${column}`, "=", id)
      .orderBy("series_entries.id")
      .executeTakeFirst();
  const entry =
    (await entryWhere("review_id", review.id)) ?? (await entryWhere("film_id", review.film_id));
  if (!entry) return undefined;
  const series = { slug: entry.slug, title: entry.title };
  const items = await seriesItems(db, entry.series_id, now, {
    after: entry.position,
    limit: count,
  });
  return { series, items };
}

/** Every series with its progress, for the series index. */
export async function allSeriesWithProgress(
  db: Db,
  now: string,
): Promise<(Series & { reviewed: number; total: number })[]> {
  const all = await db.kysely.selectFrom("series").selectAll().orderBy("title").execute();
  const result = [];
  for (const series of all) {
    const { reviewed, total } = await seriesOverview(db, series, now);
    result.push({ ...series, reviewed, total });
  }
  return result;
}
