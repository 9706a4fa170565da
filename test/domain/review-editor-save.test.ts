// Saving what the review editor sent, without HTTP, on both databases: a new film and its
// review in one transaction (and neither when a step fails), an update that keeps the rating
// when the site shows none, the review's place in a series, and the autosaved copies dropped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { findAutosave, newDraftKey, storeAutosave } from "../../src/domain/review-autosave.ts";
import {
  editorFilmChoices,
  isPublicAt,
  saveReviewFromEditor,
  type ReviewEditorInput,
} from "../../src/domain/review-editor-save.ts";
import { ReviewSeriesError } from "../../src/domain/review-series.ts";
import { createSeries } from "../../src/domain/series.ts";
import { entryOrder } from "../../src/domain/series-editing.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

const plain: Omit<ReviewEditorInput, "film"> = {
  body: "A film about a heist.",
  tags: ["heist"],
  rating: 80,
  watchedOn: null,
  isRewatch: false,
  hasSpoilers: false,
  publishAt: null,
  series: null,
  followSeries: false,
};

describe.each(dialects)("saving the review editor on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const filmCount = async (title: string) =>
    (await db.kysely.selectFrom("films").select("id").where("title", "=", title).execute()).length;

  it("creates the new film and the review, and drops the draft's autosaved copy", async () => {
    const draftKey = newDraftKey();
    await storeAutosave(db, { userId: f.author.id, draftKey }, { body: "half typed" });
    const review = await saveReviewFromEditor(db, {
      input: {
        ...plain,
        film: {
          title: "Du rififi chez les hommes",
          year: 1955,
          credits: [{ role: "director", name: "Jules Dassin" }],
        },
      },
      status: "draft",
      userId: f.author.id,
      draftKey,
    });
    expect(review).toMatchObject({ status: "draft", author_id: f.author.id, rating: 80 });
    const film = await db.kysely
      .selectFrom("films")
      .select("title")
      .where("id", "=", review.film_id)
      .executeTakeFirstOrThrow();
    expect(film.title).toBe("Du rififi chez les hommes");
    expect(await findAutosave(db, { userId: f.author.id, draftKey })).toBeUndefined();
  });

  it("keeps the stored rating when the form has none, and drops the review's autosave", async () => {
    const existing = f.reviews.vegasReview;
    await storeAutosave(db, { userId: f.author.id, reviewId: existing.id }, { body: "unsaved" });
    const saved = await saveReviewFromEditor(db, {
      input: { ...plain, film: { id: existing.film_id }, rating: undefined, body: "Rewritten." },
      status: "published",
      userId: f.author.id,
      existing,
    });
    expect(saved).toMatchObject({
      id: existing.id,
      rating: existing.rating,
      body_md: "Rewritten.",
    });
    expect(await findAutosave(db, { userId: f.author.id, reviewId: existing.id })).toBeUndefined();
  });

  it("appends the film to a series with the review", async () => {
    const series = await createSeries(db, { title: "Editor's series" });
    const film = await createFilm(db, { title: "Le Samouraï", year: 1967 });
    const review = await saveReviewFromEditor(db, {
      input: { ...plain, film: { id: film.id }, series: { id: series.id, placement: "append" } },
      status: "draft",
      userId: f.author.id,
    });
    const entries = await db.kysely
      .selectFrom("series_entries")
      .select(["film_id", "review_id"])
      .where("series_id", "=", series.id)
      .execute();
    expect(entries).toEqual([{ film_id: film.id, review_id: review.id }]);
  });

  it("saves nothing, not even the new film, when the series cannot take the review", async () => {
    const series = await createSeries(db, { title: "Without the film" });
    await expect(
      saveReviewFromEditor(db, {
        input: {
          ...plain,
          film: { title: "A Film Rolled Back", year: 2001, credits: [] },
          series: { id: series.id, placement: "attach" },
        },
        status: "draft",
        userId: f.author.id,
      }),
    ).rejects.toBeInstanceOf(ReviewSeriesError);
    expect(await filmCount("A Film Rolled Back")).toBe(0);
    expect(await entryOrder(db, series.id)).toEqual([]);
  });

  it("offers the chosen film even when the search does not find it", async () => {
    const chosen = f.films.bob;
    const films = await editorFilmChoices(db, "no film has this title", chosen.id);
    expect(films).toEqual([{ id: chosen.id, title: chosen.title, year: chosen.year }]);
    expect(await editorFilmChoices(db, "no film has this title", 0)).toEqual([]);
  });

  it("tells a public review from a draft and a scheduled one", () => {
    const now = "2026-06-01T00:00:00.000Z";
    expect(isPublicAt({ status: "published", published_at: "2026-05-01T00:00:00.000Z" }, now)).toBe(
      true,
    );
    expect(isPublicAt({ status: "scheduled", published_at: "2026-07-01T00:00:00.000Z" }, now)).toBe(
      false,
    );
    expect(isPublicAt({ status: "draft", published_at: null }, now)).toBe(false);
  });
});
