// What the review editor reads around its form, without HTTP, on both databases: the films to
// choose from (the chosen one kept when a search leaves it out), the review's revisions, tags,
// series entries and own Up Next list, whether it is public, and which autosaves are offered
// back (a review's own only on an untouched form; a new review's other drafts with text).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newDraftKey, storeAutosave } from "../../src/domain/review-autosave.ts";
import { saveReviewFromEditor } from "../../src/domain/review-editor-save.ts";
import { reviewEditorReads } from "../../src/domain/review-editor-read.ts";
import { replaceOwnUpNext } from "../../src/domain/review-up-next.ts";
import { createUser } from "../../src/domain/users.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe.each(dialects)("what the review editor reads on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const now = "2026-06-01T00:00:00.000Z";

  it("reads a review's films, tags, revisions, series entries and own Up Next list", async () => {
    const existing = f.reviews.vegasReview;
    const review = await saveReviewFromEditor(db, {
      input: {
        film: { id: existing.film_id },
        body: "A rewritten review of a last weekend.",
        tags: ["Neo-noir", "Las Vegas"],
        rating: 90,
        watchedOn: "2026-01-10",
        isRewatch: false,
        hasSpoilers: false,
        publishAt: existing.published_at,
        series: null,
        followSeries: false,
      },
      status: existing.status,
      userId: f.author.id,
      existing,
    });
    await replaceOwnUpNext(db, review.id, [f.films.friday.id, f.films.bob.id]);
    // The form holds the review's film and a search that leaves it out: it stays a choice.
    const reads = await reviewEditorReads(
      db,
      {
        userId: f.author.id,
        existing: review,
        filmSearch: "bob",
        typedFilmId: String(review.film_id),
        pristine: true,
      },
      now,
    );
    expect(reads.films.map((film) => film.title)).toEqual(["Leaving Las Vegas", "Bob le Flambeur"]);
    expect(reads.isPublic).toBe(true);
    expect([...reads.storedTags].sort()).toEqual(["Las Vegas", "Neo-noir"]);
    expect(reads.revisions).toHaveLength(1);
    expect(reads.seriesChoices.map((s) => s.title)).toEqual(["Gamblers & Grifters"]);
    expect(reads.seriesOfFilm).toMatchObject([
      { series: { title: "Gamblers & Grifters" }, place: 2, total: 6, reviewId: review.id },
    ]);
    expect(reads.ownUpNext.map((item) => item.film.title)).toEqual([
      "His Girl Friday",
      "Bob le Flambeur",
    ]);
    expect(reads.autosaves).toEqual([]);

    const scheduled = await reviewEditorReads(
      db,
      {
        userId: f.author.id,
        existing: f.reviews.future,
        filmSearch: "",
        typedFilmId: "",
        pristine: true,
      },
      now,
    );
    expect(scheduled.isPublic).toBe(false);
    expect(scheduled.revisions).toEqual([]);
    expect(scheduled.ownUpNext).toEqual([]);
  });

  it("keeps the film chosen in the form among the choices, and reads its series entries", async () => {
    const reads = await reviewEditorReads(db, {
      userId: f.author.id,
      filmSearch: "las vegas",
      typedFilmId: String(f.films.friday.id),
      pristine: true,
    });
    expect(reads.films.map((film) => film.title)).toEqual(["His Girl Friday", "Leaving Las Vegas"]);
    expect(reads.seriesOfFilm).toMatchObject([{ place: 4, reviewId: null }]);
    expect(reads.isPublic).toBe(false);
    expect(reads.storedTags).toEqual([]);
    const typedNonsense = await reviewEditorReads(db, {
      userId: f.author.id,
      filmSearch: "las vegas",
      typedFilmId: "4x",
      pristine: true,
    });
    expect(typedNonsense.films.map((film) => film.title)).toEqual(["Leaving Las Vegas"]);
    expect(typedNonsense.seriesOfFilm).toEqual([]);
  });

  it("offers a review's own autosave only while the form shows what is stored", async () => {
    const review = f.reviews.bobReview;
    const page = { existing: review, filmSearch: "", typedFilmId: "" };
    await storeAutosave(db, { userId: f.author.id, reviewId: review.id }, { body: "Typed." });
    const pristine = await reviewEditorReads(db, { ...page, userId: f.author.id, pristine: true });
    expect(pristine.autosaves).toMatchObject([{ fields: { body: "Typed." }, draftKey: null }]);
    const touched = await reviewEditorReads(db, { ...page, userId: f.author.id, pristine: false });
    expect(touched.autosaves).toEqual([]);
    const other = await createUser(db, {
      email: "other-reader@example.com",
      displayName: "Otto",
      role: "editor",
    });
    const othersPage = await reviewEditorReads(db, { ...page, userId: other.id, pristine: true });
    expect(othersPage.autosaves).toEqual([]);
  });

  it("offers a new review's other drafts with something typed, newest first", async () => {
    const writer = await createUser(db, {
      email: "drafts@example.com",
      displayName: "Dora",
      role: "author",
    });
    const [inForm, older, newer, empty] = [
      newDraftKey(),
      newDraftKey(),
      newDraftKey(),
      newDraftKey(),
    ];
    await storeAutosave(db, { userId: writer.id, draftKey: older }, { body: "First go." });
    await storeAutosave(db, { userId: writer.id, draftKey: inForm }, { body: "In the form." });
    await storeAutosave(
      db,
      { userId: writer.id, draftKey: empty },
      {
        body: "",
        differentFilm: false,
        seriesPlacement: "attach",
      },
    );
    await storeAutosave(db, { userId: writer.id, draftKey: newer }, { newFilmTitle: "Heat" });
    const reads = await reviewEditorReads(db, {
      userId: writer.id,
      filmSearch: "",
      typedFilmId: "",
      draftKey: inForm,
      pristine: true,
    });
    expect(reads.autosaves.map((a) => a.draftKey)).toEqual([newer, older]);
    const someoneElse = await reviewEditorReads(db, {
      userId: f.author.id,
      filmSearch: "",
      typedFilmId: "",
      pristine: true,
    });
    expect(someoneElse.autosaves).toEqual([]);
  });
});
