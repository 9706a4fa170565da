// Saving what the review editor sent, as one operation: the film (chosen, or created from the
// title, year and credits typed), the review (created, or updated with a revision), following
// its series and its place in one, all in one transaction; then the autosaved copies of the
// form, which have done their work, are dropped. The admin's handler parses the form, checks
// what the person's role allows, calls this and renders; which review a save turns into, and in
// which order the steps run, is decided here and tested without HTTP (both databases).
import type { Db } from "../db/connect.ts";
import type { Review, ReviewStatus } from "../db/schema.ts";
import { inTransaction } from "../db/transaction.ts";
import { filmChoices, type FilmChoice } from "./admin-overview.ts";
import { createFilm, filmById, type CreditInput } from "./films.ts";
import { discardAutosave } from "./review-autosave.ts";
import { updateReview } from "./review-editing.ts";
import { placeReviewInSeries } from "./review-series.ts";
import { followSeries } from "./review-up-next.ts";
import { createReview } from "./reviews.ts";

/** What the editor's form says once it is valid (web/admin/review-form.ts makes it). */
export interface ReviewEditorInput {
  /** An existing film, or a new one to create. */
  film: { id: number } | { title: string; year: number | null; credits: CreditInput[] };
  body: string;
  tags: string[];
  /** Stored 0–100; undefined when the site shows no ratings (keep what is stored). */
  rating: number | null | undefined;
  watchedOn: string | null;
  isRewatch: boolean;
  hasSpoilers: boolean;
  publishAt: string | null;
  series: { id: number; placement: "attach" | "append" } | null;
  followSeries: boolean;
}

/**
 * Saves the editor's review as `status`, written by (or edited by) `userId`. Throws
 * ReviewInputError (a film or review that vanished meanwhile) or ReviewSeriesError (a series
 * it cannot be placed in), with nothing saved.
 */
export async function saveReviewFromEditor(
  db: Db,
  save: {
    input: ReviewEditorInput;
    status: ReviewStatus;
    userId: number;
    existing?: Review | undefined;
    /** A new review's autosave key (see review-autosave.ts): its copy is dropped once saved. */
    draftKey?: string | undefined;
  },
): Promise<Review> {
  const { input, status, userId, existing } = save;
  const review = await inTransaction(db, async (trx) => {
    const filmId =
      "id" in input.film
        ? input.film.id
        : (
            await createFilm(trx, {
              title: input.film.title,
              year: input.film.year,
              credits: input.film.credits,
            })
          ).id;
    const common = {
      filmId,
      body: input.body,
      watchedOn: input.watchedOn,
      isRewatch: input.isRewatch,
      hasSpoilers: input.hasSpoilers,
      status,
      publishedAt: status === "draft" ? null : input.publishAt,
      tags: input.tags,
    };
    const saved = existing
      ? await updateReview(trx, existing.id, {
          ...common,
          rating: input.rating === undefined ? existing.rating : input.rating,
          editorId: userId,
        })
      : await createReview(trx, { ...common, authorId: userId, rating: input.rating ?? null });
    if (input.followSeries) await followSeries(trx, saved.id);
    if (input.series) {
      await placeReviewInSeries(trx, {
        seriesId: input.series.id,
        filmId: saved.film_id,
        reviewId: saved.id,
        placement: input.series.placement,
      });
    }
    return saved;
  });
  // Saved for real: the autosave has done its work.
  await discardAutosave(db, { userId, reviewId: review.id });
  if (save.draftKey) await discardAutosave(db, { userId, draftKey: save.draftKey });
  return review;
}

/** The films the editor offers for a search, always including the one already chosen. */
export async function editorFilmChoices(
  db: Db,
  search: string,
  chosenId: number,
): Promise<FilmChoice[]> {
  const films = await filmChoices(db, search);
  if (chosenId && !films.some((f) => f.id === chosenId)) {
    const film = await filmById(db, chosenId);
    if (film) films.unshift({ id: film.id, title: film.title, year: film.year });
  }
  return films;
}

/** True when readers can see the review now (published, or scheduled for a time passed). */
export function isPublicAt(review: Pick<Review, "status" | "published_at">, now: string): boolean {
  return review.status !== "draft" && (review.published_at ?? "") <= now;
}
