// What the review editor opens with, without HTTP, on both databases: the stored text (with a
// save's notice only for a known save), a revision to restore (and none of another review's),
// the writer's own autosave brought back over it, and a discarded autosave's notice; for a new
// review, an empty form under a fresh key or the writer's own unsaved draft under its key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Review } from "../../src/db/schema.ts";
import { newDraftKey, storeAutosave } from "../../src/domain/review-autosave.ts";
import { reviewRevisions } from "../../src/domain/review-editing.ts";
import { saveReviewFromEditor } from "../../src/domain/review-editor-save.ts";
import {
  editorStartingPoint,
  newReviewStartingPoint,
} from "../../src/domain/review-editor-start.ts";
import { createUser } from "../../src/domain/users.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe.each(dialects)("the review editor's starting point on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let review: Review;
  let revisionId: number;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    const existing = f.reviews.bobReview;
    // A save with a new body keeps the old one as a revision.
    review = await saveReviewFromEditor(db, {
      input: {
        film: { id: existing.film_id },
        body: "The second version of this review.",
        tags: [],
        rating: undefined,
        watchedOn: null,
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
    const [revision] = await reviewRevisions(db, review.id);
    if (!revision) throw new Error("the save kept a revision");
    revisionId = revision.id;
  });
  afterAll(async () => {
    await db.dispose();
  });

  const start = (query: Parameters<typeof editorStartingPoint>[3], userId = f.author.id) =>
    editorStartingPoint(db, review, userId, query);

  it("opens with what is stored, and a save's notice only for a save it knows", async () => {
    const draftKey = newDraftKey();
    expect(await start({})).toEqual({
      text: { from: "stored" },
      pristine: true,
      notice: undefined,
      justSaved: false,
      savedDraftKey: undefined,
    });
    expect(await start({ saved: "publish", draft: draftKey })).toEqual({
      text: { from: "stored" },
      pristine: true,
      notice: { kind: "saved", as: "publish" },
      justSaved: true,
      savedDraftKey: draftKey,
    });
    expect(await start({ saved: "constructor", draft: "short" })).toMatchObject({
      notice: undefined,
      justSaved: false,
      savedDraftKey: undefined,
    });
  });

  it("fills the form with a revision's text, and knows no other review's revision", async () => {
    const restored = await start({ revision: String(revisionId), saved: "draft" });
    expect(restored).toMatchObject({
      text: { from: "revision", body: f.reviews.bobReview.body_md },
      pristine: false,
      notice: { kind: "revision" },
      justSaved: false,
    });
    expect(review.body_md).not.toBe(f.reviews.bobReview.body_md);
    expect(await start({ revision: "987654" })).toBeUndefined();
    const other = await editorStartingPoint(db, f.reviews.vegasReview, f.author.id, {
      revision: String(revisionId),
    });
    expect(other).toBeUndefined();
    expect(await start({ revision: "not a number" })).toMatchObject({ text: { from: "stored" } });
  });

  it("brings back the writer's own autosave, over a revision, and says when it was discarded", async () => {
    const someoneElse = await createUser(db, {
      email: "editor@example.com",
      displayName: "Ed",
      role: "editor",
    });
    expect(await start({ autosave: "restore" })).toMatchObject({
      text: { from: "stored" },
      pristine: true,
      notice: undefined,
    });
    await storeAutosave(
      db,
      { userId: f.author.id, reviewId: review.id },
      { body: "Typed, unsaved." },
    );
    const restored = await start({ autosave: "restore", revision: String(revisionId) });
    expect(restored).toMatchObject({
      text: { from: "autosave", fields: { body: "Typed, unsaved." } },
      pristine: false,
      notice: { kind: "autosave-restored" },
    });
    expect(await start({ autosave: "restore" }, someoneElse.id)).toMatchObject({
      text: { from: "stored" },
    });
    expect(await start({ autosave: "discarded", saved: "draft" })).toMatchObject({
      text: { from: "stored" },
      pristine: true,
      notice: { kind: "autosave-discarded" },
      justSaved: true,
    });
    expect(await start({ autosave: "discarded", revision: String(revisionId) })).toMatchObject({
      text: { from: "revision" },
      pristine: false,
      notice: { kind: "autosave-discarded" },
    });
  });

  it("starts a new review empty under a fresh key, or from the writer's own unsaved draft", async () => {
    const empty = await newReviewStartingPoint(db, f.author.id, {});
    expect(empty).toMatchObject({ autosaved: undefined, pristine: true, notice: undefined });
    expect(empty.draftKey).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect((await newReviewStartingPoint(db, f.author.id, {})).draftKey).not.toBe(empty.draftKey);

    const key = newDraftKey();
    await storeAutosave(db, { userId: f.author.id, draftKey: key }, { body: "Half a review." });
    const restored = await newReviewStartingPoint(db, f.author.id, { draft: key });
    expect(restored).toMatchObject({
      autosaved: { body: "Half a review." },
      draftKey: key,
      pristine: false,
      notice: { kind: "draft-restored" },
    });

    const reader = await createUser(db, {
      email: "another-writer@example.com",
      displayName: "Wanda",
      role: "author",
    });
    const notTheirs = await newReviewStartingPoint(db, reader.id, { draft: key });
    expect(notTheirs).toMatchObject({ autosaved: undefined, pristine: true, notice: undefined });
    expect(notTheirs.draftKey).not.toBe(key);
    expect(await newReviewStartingPoint(db, f.author.id, { draft: "short" })).toMatchObject({
      autosaved: undefined,
      pristine: true,
    });
    expect(
      await newReviewStartingPoint(db, f.author.id, {
        draft: newDraftKey(),
        autosave: "discarded",
      }),
    ).toMatchObject({ autosaved: undefined, pristine: true, notice: { kind: "draft-discarded" } });
  });
});
