// Series from the review editor's side: which series a review's film is queued in, and putting
// the review in one — on the film's existing entry there, or as a new last entry. Changing a
// series itself goes through src/domain/series.ts, which announces what the caches must drop.
import type { Db } from "../db/connect.ts";
import type { Series } from "../db/schema.ts";
import { appendSeriesEntry, attachReviewToEntry } from "./series.ts";

export type SeriesChoice = Pick<Series, "id" | "title">;

export async function seriesChoices(db: Db): Promise<SeriesChoice[]> {
  return db.kysely.selectFrom("series").select(["id", "title"]).orderBy("title").execute();
}

export interface FilmSeriesEntry {
  entryId: number;
  series: Pick<Series, "id" | "slug" | "title">;
  /** 1-based place in the series' order, and the series' length. */
  place: number;
  total: number;
  reviewId: number | null;
}

/** Every entry of a film in any series, in series title order. */
export async function seriesEntriesOfFilm(db: Db, filmId: number): Promise<FilmSeriesEntry[]> {
  const entries = await db.kysely
    .selectFrom("series_entries")
    .innerJoin("series", "series.id", "series_entries.series_id")
    .select([
      "series_entries.id as entryId",
      "series_entries.review_id as reviewId",
      "series.id as seriesId",
      "series.slug as slug",
      "series.title as title",
    ])
    .where("series_entries.film_id", "=", filmId)
    .orderBy("series.title")
    .orderBy("series_entries.position")
    .execute();
  if (entries.length === 0) return [];
  const seriesIds = [...new Set(entries.map((e) => e.seriesId))];
  // The same order as the series page: by position, then by id.
  const order = await db.kysely
    .selectFrom("series_entries")
    .select(["id", "series_id"])
    .where("series_id", "in", seriesIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
  const ranks = new Map<number, number>();
  const totals = new Map<number, number>();
  for (const row of order) {
    const n = (totals.get(row.series_id) ?? 0) + 1;
    totals.set(row.series_id, n);
    ranks.set(row.id, n);
  }
  return entries.map((e) => ({
    entryId: e.entryId,
    series: { id: e.seriesId, slug: e.slug, title: e.title },
    place: ranks.get(e.entryId) ?? 0,
    total: totals.get(e.seriesId) ?? 0,
    reviewId: e.reviewId,
  }));
}

export class ReviewSeriesError extends Error {}

/**
 * Puts a review in a series: "attach" sets it on the film's entry there (the first one no
 * review covers yet), "append" adds the film at the end of the queue with this review.
 */
export async function placeReviewInSeries(
  db: Db,
  input: { seriesId: number; filmId: number; reviewId: number; placement: "attach" | "append" },
): Promise<void> {
  const series = await db.kysely
    .selectFrom("series")
    .select("id")
    .where("id", "=", input.seriesId)
    .executeTakeFirst();
  if (!series) throw new ReviewSeriesError("That series no longer exists.");
  if (input.placement === "append") {
    await appendSeriesEntry(db, input.seriesId, input.filmId, input.reviewId);
    return;
  }
  const entries = await db.kysely
    .selectFrom("series_entries")
    .select(["id", "review_id"])
    .where("series_id", "=", input.seriesId)
    .where("film_id", "=", input.filmId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  if (entries.length === 0) {
    throw new ReviewSeriesError(
      "This film is not in that series yet: choose to add it at the end of the queue.",
    );
  }
  if (entries.some((e) => e.review_id === input.reviewId)) return;
  const entry = entries.find((e) => e.review_id == null) ?? entries[0]!;
  await attachReviewToEntry(db, entry.id, input.reviewId);
}
