// The index queries on both databases: counts, grouping at boundaries, order, pagination,
// and that drafts and not-yet-due scheduled reviews never count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayRating } from "../../src/content/rating.ts";
import { archiveIndex, reviewsOfMonth, reviewsOfYear } from "../../src/domain/indexes/archive.ts";
import {
  compareDirectors,
  directorIndex,
  familyName,
  indexLetter,
} from "../../src/domain/indexes/directors.ts";
import {
  isRatingStep,
  ratingSpread,
  ratingStep,
  reviewsWithRating,
  unratedReviews,
} from "../../src/domain/indexes/ratings.ts";
import { tagIndex } from "../../src/domain/indexes/tag-list.ts";
import {
  decadesIndex,
  reviewsOfDecade,
  reviewsOfFilmYear,
} from "../../src/domain/indexes/years.ts";
import { ratingScales } from "../../src/content/rating.ts";
import { nowIso } from "../../src/domain/time.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildIndexSite, directorsInOrder, hostileDirector } from "./index-site.ts";

describe("director order, without a database", () => {
  it("files a director under the last word of the name, accents folded", () => {
    expect(familyName("Jean-Pierre Melville")).toBe("Melville");
    expect(familyName("  Agnès   Varda ")).toBe("Varda");
    expect(indexLetter("Michel Écrivain")).toBe("E");
    expect(indexLetter("Émile Zola")).toBe("Z");
    expect(indexLetter(hostileDirector)).toBe("#");
    const names = [
      "Émile Zola",
      "Jean Edwards",
      "Michel Écrivain",
      "Federico Fellini",
      "Clint Eastwood",
      "ethan coen",
      "Joel Coen",
    ];
    // Byte order would put "Écrivain" after "Edwards" (and after Z); folded, it is "ecrivain".
    expect(names.map((name) => ({ name })).sort(compareDirectors)).toEqual([
      { name: "ethan coen" },
      { name: "Joel Coen" },
      { name: "Clint Eastwood" },
      { name: "Michel Écrivain" },
      { name: "Jean Edwards" },
      { name: "Federico Fellini" },
      { name: "Émile Zola" },
    ]);
  });
});

describe("rating steps, without a database", () => {
  it("puts every stored rating on the step that displays the same", () => {
    for (const scale of ratingScales) {
      if (scale === "none") continue;
      for (let rating = 0; rating <= 100; rating++) {
        const step = ratingStep(rating, scale);
        expect(isRatingStep(step, scale), `${scale} ${rating}`).toBe(true);
        expect(displayRating(step, scale), `${scale} ${rating}`).toEqual(
          displayRating(rating, scale),
        );
      }
    }
    expect(isRatingStep(85, "stars5")).toBe(false);
    expect(isRatingStep(85, "hundred")).toBe(true);
    expect(isRatingStep(90, "none")).toBe(false);
    expect(isRatingStep(110, "ten")).toBe(false);
  });
});

describe.each(dialects)("index queries on %s", (dialect) => {
  let db: TestDb;
  const now = nowIso();
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildIndexSite(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  describe("the archive", () => {
    it("counts public reviews by UTC year and month, newest first", async () => {
      expect(await archiveIndex(db, now)).toEqual([
        {
          year: 2026,
          count: 14,
          months: [
            { year: 2026, month: 4, count: 1 },
            { year: 2026, month: 3, count: 11 },
            { year: 2026, month: 2, count: 1 },
            { year: 2026, month: 1, count: 1 },
          ],
        },
        { year: 2025, count: 1, months: [{ year: 2025, month: 12, count: 1 }] },
      ]);
    });

    it("puts the last millisecond of March in March and the first of April in April", async () => {
      const march = await reviewsOfMonth(db, now, 2026, 3, 1);
      expect(march.total).toBe(11);
      expect(march.items[0]?.publishedAt).toBe("2026-03-31T23:59:59.999Z");
      const april = await reviewsOfMonth(db, now, 2026, 4, 1);
      expect(april.items.map((r) => r.publishedAt)).toEqual(["2026-04-01T00:00:00.000Z"]);
      const december = await reviewsOfMonth(db, now, 2025, 12, 1);
      expect(december.items.map((r) => r.publishedAt)).toEqual(["2025-12-31T23:59:59.999Z"]);
      expect((await reviewsOfYear(db, now, 2025, 1)).total).toBe(1);
    });

    it("pages a month ten at a time, newest first, and stops at its end", async () => {
      const first = await reviewsOfMonth(db, now, 2026, 3, 1);
      expect(first).toMatchObject({ page: 1, pageCount: 2, total: 11 });
      expect(first.items).toHaveLength(10);
      const times = first.items.map((r) => r.publishedAt);
      expect(times).toEqual([...times].sort().reverse());
      const second = await reviewsOfMonth(db, now, 2026, 3, 2);
      expect(second.items.map((r) => r.publishedAt)).toEqual(["2026-03-01T00:00:00.000Z"]);
      expect((await reviewsOfMonth(db, now, 2026, 3, 3)).items).toEqual([]);
    });

    it("never lists the draft dated in March, nor reviews scheduled for later", async () => {
      const march = await reviewsOfMonth(db, now, 2026, 3, 2);
      const all = [...(await reviewsOfMonth(db, now, 2026, 3, 1)).items, ...march.items];
      expect(all.map((r) => r.slug)).not.toContain("shop-draft");
      expect(all.map((r) => r.slug)).toContain("vegas-rewatch");
      expect((await reviewsOfYear(db, now, 2099, 1)).total).toBe(0);
      // Seen from 2099, the scheduled reviews are public.
      expect((await reviewsOfYear(db, "2099-06-01T00:00:00.000Z", 2099, 1)).total).toBe(2);
    });

    it("handles the last four-digit year without a malformed bound", async () => {
      expect((await reviewsOfYear(db, now, 9999, 1)).total).toBe(0);
      expect((await reviewsOfMonth(db, now, 9999, 12, 1)).total).toBe(0);
    });
  });

  describe("directors", () => {
    it("lists every director with a public review A–Z by family name, with film counts", async () => {
      const index = await directorIndex(db, now, 1);
      expect(index.page.items.map((d) => d.name)).toEqual(directorsInOrder);
      const counts = Object.fromEntries(index.page.items.map((d) => [d.name, d.films]));
      // Two reviews of Leaving Las Vegas (and a third scheduled for 2099): still one film.
      expect(counts["Mike Figgis"]).toBe(1);
      expect(counts["Gene Kelly"]).toBe(1);
      expect(index.page.items.find((d) => d.name === "Michel Écrivain")).toMatchObject({
        slug: "michel-ecrivain",
        letter: "E",
      });
      expect(index.page.items.map((d) => d.name)).not.toContain("Ernst Lubitsch");
      expect(index.page.items.map((d) => d.name)).not.toContain("Future Person");
    });

    it("pages the list and knows the page each letter starts on", async () => {
      const index = await directorIndex(db, now, 2, 5);
      expect(index.page).toMatchObject({ page: 2, pageCount: 3, total: 14 });
      expect(index.page.items.map((d) => d.name)).toEqual(directorsInOrder.slice(5, 10));
      expect([...index.letters]).toEqual([
        ["A", 1],
        ["C", 1],
        ["D", 1],
        ["E", 2],
        ["F", 2],
        ["H", 3],
        ["K", 3],
        ["V", 3],
        ["#", 3],
      ]);
    });
  });

  describe("years and decades", () => {
    it("counts reviews by film year within decades, oldest first, leaving out undated films", async () => {
      const decades = await decadesIndex(db, now);
      expect(decades.map((d) => [d.start, d.count])).toEqual([
        [1940, 2],
        [1950, 1],
        [1960, 1],
        [1970, 2],
        [1990, 7],
        [2000, 1],
      ]);
      expect(decades.find((d) => d.start === 1990)?.years).toEqual([
        { year: 1992, count: 2 },
        { year: 1995, count: 2 },
        { year: 1996, count: 1 },
        { year: 1999, count: 2 },
      ]);
      // 1940 has a draft review of The Shop Around the Corner: it does not count.
      expect(decades[0]?.years).toEqual([
        { year: 1940, count: 1 },
        { year: 1949, count: 1 },
      ]);
    });

    it("lists a year's and a decade's reviews", async () => {
      const year = await reviewsOfFilmYear(db, now, 1995, 1);
      expect(year.items.map((r) => r.slug)).toEqual(["vegas-rewatch", "leaving-las-vegas-1995"]);
      const decade = await reviewsOfDecade(db, now, 1990, 1);
      expect(decade.total).toBe(7);
      expect(decade.items.every((r) => r.film.year! >= 1990 && r.film.year! <= 1999)).toBe(true);
      expect((await reviewsOfDecade(db, now, 1880, 1)).total).toBe(0);
    });
  });

  describe("ratings", () => {
    it("counts reviews per step of the star scale, so 85 shows with 90", async () => {
      expect(await ratingSpread(db, now, "stars5")).toEqual({
        steps: [
          { value: 100, count: 2 },
          { value: 90, count: 4 },
          { value: 80, count: 1 },
          { value: 70, count: 1 },
          { value: 60, count: 1 },
          { value: 50, count: 1 },
          { value: 40, count: 1 },
          { value: 0, count: 1 },
        ],
        unrated: 3,
      });
      const hundred = await ratingSpread(db, now, "hundred");
      expect(hundred.steps.slice(0, 4)).toEqual([
        { value: 100, count: 1 },
        { value: 95, count: 1 },
        { value: 90, count: 3 },
        { value: 85, count: 1 },
      ]);
    });

    it("lists the reviews at a step, and the unrated ones", async () => {
      const stars = await reviewsWithRating(db, now, 90, "stars5", 1);
      expect(stars.items.map((r) => r.rating)).toEqual([90, 90, 85, 90]);
      const exact = await reviewsWithRating(db, now, 90, "hundred", 1);
      expect(exact.items.map((r) => r.rating)).toEqual([90, 90, 90]);
      const zero = await reviewsWithRating(db, now, 0, "ten", 1);
      expect(zero.items.map((r) => r.slug)).toEqual(["amarcord-rewatch"]);
      const unrated = await unratedReviews(db, now, 1);
      expect(unrated.total).toBe(3);
      expect(unrated.items.every((r) => r.rating === null)).toBe(true);
    });
  });

  describe("tags", () => {
    it("lists tags on public reviews A–Z, accents folded, with counts", async () => {
      const tags = await tagIndex(db, now, 1);
      expect(tags.items.map((t) => [t.name, t.slug, t.count])).toEqual([
        ["Bleak", "bleak", 1],
        ["éclair", "eclair", 2],
        ["Musical", "musical", 1],
        ["Neo-noir", "neo-noir", 3],
        ["Screwball", "screwball", 2],
        ["Zany", "zany", 1],
      ]);
      expect((await tagIndex(db, now, 2, 4)).items.map((t) => t.name)).toEqual([
        "Screwball",
        "Zany",
      ]);
    });
  });
});
