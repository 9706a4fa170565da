// updateReview: one transaction that keeps body_html, tags, search and revisions in step,
// and announces exactly the changes the page cache needs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminReviews, filmChoices, reviewCounts } from "../../src/domain/admin-overview.ts";
import {
  reviewRevisions,
  updateReview,
  type ReviewUpdate,
} from "../../src/domain/review-editing.ts";
import { ReviewInputError } from "../../src/domain/reviews.ts";
import { tagsOfReview } from "../../src/domain/tags.ts";
import { searchReviews } from "../../src/domain/review-search.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { csrfToken, getAs, postForm, signIn, formState } from "./admin-client.ts";

describe.each(dialects)("editing reviews on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  const announced: string[][] = [];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    db.changes.subscribe((tags) => announced.push([...tags]));
  });
  afterAll(async () => {
    await db.dispose();
  });

  const base = (): ReviewUpdate => ({
    filmId: f.films.vegas.id,
    body: "Same words.",
    rating: 90,
    watchedOn: null,
    isRewatch: false,
    hasSpoilers: false,
    status: "published",
    tags: ["Neo-noir"],
  });

  it("re-renders, re-tags, re-indexes and keeps the previous body", async () => {
    announced.length = 0;
    const id = f.reviews.vegasReview.id;
    const after = await updateReview(db, id, {
      ...base(),
      body: "Now about *zanzibar*.",
      tags: ["Desert", "Neon"],
      editorId: f.author.id,
    });
    expect(after.body_html).toContain("<em>zanzibar</em>");
    expect(after.excerpt).toBe("Now about zanzibar.");
    expect(after.published_at).toBe("2026-01-12T20:00:00.000Z");
    expect((await tagsOfReview(db, id)).map((t) => t.name)).toEqual(["Desert", "Neon"]);
    const found = await searchReviews(db, "zanzibar", new Date().toISOString());
    expect(found.items.map((r) => r.reviewId)).toEqual([id]);
    const revisions = await reviewRevisions(db, id);
    expect(revisions[0]?.body_md).toContain("A *slow* and generous film");
    // A content edit of a public review: its page and the listings, not every page.
    expect(announced.flat()).toContain("review:leaving-las-vegas-1995");
    expect(announced.flat()).not.toContain("public-set");
  });

  it("announces a change of visibility to every page", async () => {
    announced.length = 0;
    await updateReview(db, f.reviews.vegasReview.id, { ...base(), status: "draft" });
    expect(announced.flat()).toContain("public-set");
    announced.length = 0;
    await updateReview(db, f.reviews.vegasReview.id, {
      ...base(),
      status: "scheduled",
      publishedAt: "2099-01-01T00:00:00.000Z",
    });
    expect(announced.flat()).toContain("public-set");
  });

  it("announces nothing for a draft that stays a draft", async () => {
    announced.length = 0;
    await updateReview(db, f.reviews.draft.id, {
      ...base(),
      filmId: f.films.games.id,
      status: "draft",
      body: "Still not ready.",
    });
    expect(announced.flat()).toEqual([]);
  });

  it("changes nothing when it fails half-way", async () => {
    const id = f.reviews.bobReview.id;
    await expect(
      updateReview(db, id, { ...base(), filmId: 999_999, body: "Lost?" }),
    ).rejects.toBeInstanceOf(ReviewInputError);
    await expect(
      updateReview(db, id, { ...base(), filmId: f.films.bob.id, status: "scheduled" }),
    ).rejects.toBeInstanceOf(ReviewInputError);
    const row = await db.kysely
      .selectFrom("reviews")
      .select(["body_md", "status"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      body_md: "Melville's gambler walks Montmartre at dawn.",
      status: "published",
    });
  });

  it("lists, counts and finds for the admin", async () => {
    const mine = await adminReviews(db, f.author.id);
    expect(mine.length).toBeGreaterThan(5);
    expect(await adminReviews(db, 424242)).toEqual([]);
    const counts = await reviewCounts(db);
    expect(counts.films).toBe(7);
    expect(counts.draft).toBeGreaterThanOrEqual(1);
    expect((await filmChoices(db, "VEGAS")).map((film) => film.title)).toEqual([
      "Leaving Las Vegas",
    ]);
    expect(await filmChoices(db, "100%_")).toEqual([]);
  });

  it("puts an earlier version back in the editor, to be saved", async () => {
    const app = appFor(db);
    const cookie = await signIn(app, "critic@example.com");
    const id = f.reviews.vegasReview.id;
    const [latest] = await reviewRevisions(db, id);
    const page = await getAs(app, `/admin/reviews/${id}/edit?revision=${latest!.id}`, cookie);
    expect(page.response.status).toBe(200);
    const form = formState(page.document);
    expect(form.value("body")).toBe(latest!.body_md);
    expect(
      (await getAs(app, `/admin/reviews/${id}/edit?revision=999999`, cookie)).response.status,
    ).toBe(404);
    const saved = await postForm(
      app,
      `/admin/reviews/${id}/edit`,
      {
        filmId: form.value("filmId")!,
        body: form.value("body")!,
        intent: "draft",
        _csrf: await csrfToken(app, cookie),
      },
      { cookie },
    );
    expect(saved.status).toBe(303);
    const row = await db.kysely
      .selectFrom("reviews")
      .select("body_md")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row.body_md).toBe(latest!.body_md);
  });
});
