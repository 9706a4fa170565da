// The domain model on both databases: records, visibility, series, tags, people, users.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { slugify } from "../../src/content/slug.ts";
import { filmCredits, filmLabel } from "../../src/domain/films.ts";
import { ensurePerson, personBySlug, reviewedFilmography } from "../../src/domain/people.ts";
import { loadReviewPage } from "../../src/domain/review-page.ts";
import {
  createReview,
  latestReviews,
  neighbours,
  publicReviewBySlug,
  ReviewInputError,
  reviewsOfFilm,
} from "../../src/domain/reviews.ts";
import { seriesBySlug, seriesOverview, upNext } from "../../src/domain/series.ts";
import { loadSettings, saveSetting } from "../../src/domain/settings.ts";
import { tagsOfReview } from "../../src/domain/tags.ts";
import { nowIso } from "../../src/domain/time.ts";
import { createUser, passwordMatches, UserInputError } from "../../src/domain/users.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";

describe.each(dialects)("domain on %s", (dialect) => {
  let db: TestDb;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("stores films with credits in billing order, and people once each", async () => {
    const credits = await filmCredits(db, f.films.vegas.id);
    expect(credits.map((c) => [c.role, c.person.name, c.character])).toEqual([
      ["cast", "Nicolas Cage", "Ben Sanderson"],
      ["cast", "Elisabeth Shue", "Sera"],
      ["director", "Mike Figgis", null],
      ["writer", "Mike Figgis", null],
    ]);
    const figgis = await ensurePerson(db, "Mike Figgis");
    expect(credits.find((c) => c.role === "writer")?.person.id).toBe(figgis.id);
    expect(f.films.vegas).toMatchObject({
      slug: "leaving-las-vegas-1995",
      countries: "US",
      imdb_id: "tt0113627",
    });
    expect(filmLabel(f.films.vegas)).toBe("Leaving Las Vegas (1995)");
  });

  it("gives every review a unique slug and an excerpt without markup or headings", () => {
    expect(f.reviews.vegasReview.slug).toBe("leaving-las-vegas-1995");
    expect(f.reviews.bobReview.slug).toBe("bob-le-flambeur-1956");
    expect(f.reviews.vegasReview.excerpt).toBe(
      "A slow and generous film about a man who has decided.",
    );
  });

  it("never shows drafts or reviews scheduled for later, and counts as numbers", async () => {
    const now = nowIso();
    expect(await publicReviewBySlug(db, "house-of-games-draft", now)).toBeUndefined();
    expect(await publicReviewBySlug(db, "amelie-later", now)).toBeUndefined();
    expect(await publicReviewBySlug(db, "amelie-later", "2099-01-01T00:00:00.000Z")).toBeDefined();
    const page = await latestReviews(db, now, 1, 2);
    expect(page.total).toBe(5);
    expect(typeof page.total).toBe("number");
    expect(page.pageCount).toBe(3);
    expect(page.items.map((r) => r.slug)).toEqual([
      f.reviews.hostileReview.slug,
      "bob-le-flambeur-rewatch",
    ]);
    const last = await latestReviews(db, now, 3, 2);
    expect(last.items.map((r) => r.slug)).toEqual(["leaving-las-vegas-1995"]);
    expect(last.items[0]?.directors).toEqual([{ slug: "mike-figgis", name: "Mike Figgis" }]);
  });

  it("refuses a scheduled review without a time and a rating out of range", async () => {
    const base = { filmId: f.films.friday.id, authorId: f.author.id, body: "x" };
    await expect(createReview(db, { ...base, status: "scheduled" })).rejects.toBeInstanceOf(
      ReviewInputError,
    );
    await expect(
      createReview(db, { ...base, status: "published", rating: 101 }),
    ).rejects.toBeInstanceOf(ReviewInputError);
  });

  it("lists a film's reviews and rewatches in order", async () => {
    const reviews = await reviewsOfFilm(db, f.films.bob.id, nowIso());
    expect(reviews.map((r) => [r.slug, r.isRewatch])).toEqual([
      ["bob-le-flambeur-1956", false],
      ["bob-le-flambeur-rewatch", true],
    ]);
  });

  it("finds the previous and next public reviews", async () => {
    const around = await neighbours(db, f.reviews.bobReview, nowIso());
    expect(around.previous?.slug).toBe("leaving-las-vegas-1995");
    expect(around.next?.slug).toBe(f.reviews.singinReview.slug);
    const first = await neighbours(db, f.reviews.vegasReview, nowIso());
    expect(first.previous).toBeUndefined();
  });

  it("shows the next three series entries, linked only when reviewed and public", async () => {
    const next = await upNext(db, f.reviews.vegasReview, nowIso());
    expect(next?.series.title).toBe("Gamblers & Grifters");
    expect(next?.items.map((i) => [filmLabel(i.film), i.reviewSlug])).toEqual([
      ["Bob le Flambeur (1956)", "bob-le-flambeur-1956"],
      ["His Girl Friday (1940)", null],
      ["House of Games (1987)", null], // its review is only a draft
    ]);
    const atEnd = await upNext(db, f.reviews.bobReview, nowIso());
    expect(atEnd?.items.map((i) => i.film.title)).toEqual([
      "His Girl Friday",
      "House of Games",
      "Amélie",
    ]);
  });

  it("reports series progress", async () => {
    const series = await seriesBySlug(db, "gamblers-and-grifters");
    expect(series).toBeDefined();
    const overview = await seriesOverview(db, series!, nowIso());
    expect(overview.total).toBe(6);
    expect(overview.reviewed).toBe(3);
    expect(overview.items.map((i) => i.position)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("tags reviews, merging names that slug alike", async () => {
    const tags = await tagsOfReview(db, f.reviews.vegasReview.id);
    expect(tags.map((t) => [t.slug, t.name])).toEqual([
      ["las-vegas", "Las Vegas"],
      ["neo-noir", "Neo-noir"],
    ]);
    const bobTags = await tagsOfReview(db, f.reviews.bobReview.id);
    expect(bobTags[0]?.id).toBe(tags[1]?.id);
  });

  it("lists a person's reviewed films by role", async () => {
    const kelly = await personBySlug(db, "gene-kelly");
    const films = await reviewedFilmography(db, kelly!.id, nowIso());
    expect(films.map((x) => [x.role, x.title, x.character])).toEqual([
      ["cast", "Singin' in the Rain", "Don Lockwood"],
      ["director", "Singin' in the Rain", null],
    ]);
    const mamet = await personBySlug(db, "david-mamet");
    expect(await reviewedFilmography(db, mamet!.id, nowIso())).toEqual([]);
  });

  it("gathers the whole review page", async () => {
    const page = await loadReviewPage(db, "leaving-las-vegas-1995", nowIso());
    expect(page?.film.title).toBe("Leaving Las Vegas");
    expect(page?.stills.map((s) => s.alt)).toEqual(["Neon over a desert road"]);
    expect(page?.authorName).toBe("Ada Critic");
    expect(page?.upNext?.items).toHaveLength(3);
    expect(await loadReviewPage(db, "house-of-games-draft", nowIso())).toBeUndefined();
  });

  it("hashes passwords with argon2id and refuses duplicate accounts", async () => {
    expect(f.author.password_hash).toMatch(/^\$argon2id\$/);
    expect(await passwordMatches(f.author, "correct horse battery")).toBe(true);
    expect(await passwordMatches(f.author, "wrong horse battery")).toBe(false);
    await expect(
      createUser(db, { email: "CRITIC@example.com", displayName: "x", role: "author" }),
    ).rejects.toBeInstanceOf(UserInputError);
  });

  it("keeps settings, with defaults for a new site", async () => {
    expect((await loadSettings(db)).ratingScale).toBe("stars5");
    await saveSetting(db, "siteTitle", "Night Shift");
    await saveSetting(db, "siteTitle", "Night Shift Films");
    expect((await loadSettings(db)).siteTitle).toBe("Night Shift Films");
  });
});

describe("slugs", () => {
  it("fold accents and punctuation", () => {
    expect(slugify("Amélie (2001)")).toBe("amelie-2001");
    expect(slugify("Singin' in the Rain")).toBe("singin-in-the-rain");
    expect(slugify("Gamblers & Grifters")).toBe("gamblers-and-grifters");
    expect(slugify("<script>")).toBe("script");
    expect(slugify("!!!")).toBe("untitled");
  });
});
