// Search's own index (src/search/postings.ts, census.ts, match-sql.ts): what a review's rows
// weigh, that a prefix's range holds exactly the words that start with it on both databases
// whatever their letters, and that the two databases rank a site alike.
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchReviews } from "../../src/domain/review-search.ts";
import { nowIso } from "../../src/domain/time.ts";
import type { SearchDocument } from "../../src/search/document.ts";
import { postingsOf } from "../../src/search/postings.ts";
import { queryTerms, termMatches, tokensOf } from "../../src/search/tokens.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { makeAuthor, publisher } from "./search-data.ts";

const documentOf = (columns: Partial<SearchDocument>): SearchDocument => ({
  title: "",
  people: "",
  tags: "",
  body: "",
  body_text: "",
  ...columns,
});
const words = (n: number, word = "filler") => Array.from({ length: n }, () => word).join(" ");

describe("a review's postings", () => {
  it("holds each distinct word once, whatever the column", () => {
    const postings = postingsOf(
      documentOf({ title: "night train", tags: "night", body: "a night a train" }),
    );
    expect([...postings.keys()].sort()).toEqual(["a", "night", "train"]);
  });

  it("weighs a word in the title above people, people above tags, tags above the body", () => {
    const impact = (column: keyof SearchDocument) =>
      postingsOf(documentOf({ [column]: "zephyr", body: words(200) })).get("zephyr")!;
    const body = postingsOf(documentOf({ body: `zephyr ${words(199)}` })).get("zephyr")!;
    expect(impact("title")).toBeGreaterThan(impact("people"));
    expect(impact("people")).toBeGreaterThan(impact("tags"));
    expect(impact("tags")).toBeGreaterThan(body);
  });

  it("counts more mentions higher, each adding less than the one before", () => {
    const impacts = [1, 2, 3, 10, 50].map((n) =>
      postingsOf(documentOf({ body: `${words(n, "zephyr")} ${words(500 - n)}` })).get("zephyr")!,
    );
    for (let i = 1; i < impacts.length; i++) expect(impacts[i]).toBeGreaterThan(impacts[i - 1]!);
    expect(impacts[1]! - impacts[0]!).toBeGreaterThan(impacts[2]! - impacts[1]!);
    // Saturated: fifty mentions do not make a body match worth a title's (a hundred would).
    const title = postingsOf(documentOf({ title: "zephyr", body: words(500) })).get("zephyr")!;
    expect(impacts[4]).toBeLessThan(title);
  });

  it("counts a mention less in a longer review", () => {
    const short = postingsOf(documentOf({ body: `zephyr ${words(100)}` })).get("zephyr")!;
    const long = postingsOf(documentOf({ body: `zephyr ${words(3000)}` })).get("zephyr")!;
    expect(short).toBeGreaterThan(long);
    expect(long).toBeGreaterThan(0);
  });
});

describe.each(dialects)("several words on %s", (dialect) => {
  let db: TestDb;
  let slugs: { rareMost: string; commonMost: string };
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const publish = publisher(db, (await makeAuthor(db)).id);
    // The two that hold both words are the same length; the newer one holds the common word
    // more, the older the rare one, so that only the words' rarity can put the older first.
    const rareMost = await publish(
      { title: "Older Pair", year: 1970 },
      { body: `tarn tarn tarn meadow ${words(40)}`, tags: [] },
    );
    const commonMost = await publish(
      { title: "Newer Pair", year: 1971 },
      { body: `tarn meadow meadow meadow ${words(40)}`, tags: [] },
    );
    for (let i = 0; i < 10; i++) {
      await publish({ title: `Field Only ${i}`, year: 1980 + i }, { body: `meadow ${words(43)}` });
    }
    slugs = { rareMost: rareMost.slug, commonMost: commonMost.slug };
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("weighs each word by its rarity among the site's reviews", async () => {
    const page = await searchReviews(db, "meadow tarn", nowIso());
    expect(page.items.map((r) => r.slug)).toEqual([slugs.rareMost, slugs.commonMost]);
    // Alone, each word puts the review that says it most first.
    expect((await searchReviews(db, "tarn", nowIso())).items[0]?.slug).toBe(slugs.rareMost);
    expect((await searchReviews(db, "meadow", nowIso())).items[0]?.slug).toBe(slugs.commonMost);
  });
});

// Letters from many scripts and planes: Latin with accents and a ligature (folded away),
// Greek, Cyrillic, Hebrew, CJK, an ideograph beyond the Basic Multilingual Plane (four bytes in
// UTF-8, two code units in JavaScript), a mathematical letter that folds to Latin, digits.
const letters = [..."aeklmnz09éßﬀαβωкнюאבת映画𠀀𠂊𝔘"];
const word = fc
  .array(fc.constantFrom(...letters), { minLength: 1, maxLength: 5 })
  .map((chars) => chars.join(""));
// Fixed, so every run of the suite builds the same site; the property below varies the queries.
const siteWords = fc.sample(fc.array(word, { minLength: 3, maxLength: 12 }), {
  numRuns: 24,
  seed: 20261207,
});

describe.each(dialects)("prefixes of any letters on %s", (dialect) => {
  let db: TestDb;
  let reviews: { slug: string; tokens: string[] }[];
  beforeAll(async () => {
    db = await openTestDb(dialect);
    const publish = publisher(db, (await makeAuthor(db)).id);
    reviews = [];
    for (const [i, bodyWords] of siteWords.entries()) {
      const body = bodyWords.join(" ");
      const title = `Prefix Check ${i}`;
      const review = await publish({ title, year: 1950 + i }, { body, tags: [] });
      reviews.push({ slug: review.slug, tokens: tokensOf(`${title} ${body}`) });
    }
  }, 60_000);
  afterAll(async () => {
    await db.dispose();
  });

  it("finds exactly the reviews holding a word that starts with the query", async () => {
    const known = [...new Set(reviews.flatMap((r) => r.tokens))];
    const query = fc.oneof(
      // The start of a word the site holds, as typed (folding is the query's business).
      fc
        .tuple(fc.constantFrom(...known), fc.integer({ min: 1, max: 6 }))
        .map(([w, n]) => [...w].slice(0, n).join("")),
      word,
      fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
    );
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const terms = queryTerms(q);
        const expected = reviews
          .filter((r) => terms.every((t) => r.tokens.some((token) => termMatches(token, t))))
          .map((r) => r.slug)
          .sort();
        const page = await searchReviews(db, q, nowIso(), 1, 50);
        expect(page.items.map((r) => r.slug).sort(), JSON.stringify(q)).toEqual(expected);
        expect(page.total).toBe(expected.length);
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 60_000);
});

describe.runIf(dialects.length === 2)("rankings on both databases", () => {
  const dbs: TestDb[] = [];
  // One site, written the same way to each database: lengths, columns and repeats all vary.
  const site = Array.from({ length: 30 }, (_, i) => ({
    film: {
      title: i % 7 === 0 ? `Harbour Night ${i}` : `Quiet Film ${i}`,
      year: 1960 + i,
      credits: [{ role: "director" as const, name: i % 5 === 0 ? "Nora Harbour" : `Ann Lee ${i}` }],
    },
    review: {
      body: [
        words(20 + ((i * 37) % 400), "still"),
        words(1 + (i % 4), "harbour"),
        words(i % 3, "night"),
        words(1 + (i % 6), "nightfall"),
        i % 2 === 0 ? "quiet" : "",
      ].join(" "),
      tags: i % 4 === 0 ? ["Harbour"] : ["Drama"],
    },
  }));
  beforeAll(async () => {
    for (const dialect of dialects) {
      const db = await openTestDb(dialect);
      const publish = publisher(db, (await makeAuthor(db)).id);
      for (const { film, review } of site) await publish(film, review);
      dbs.push(db);
    }
  }, 60_000);
  afterAll(async () => {
    for (const db of dbs) await db.dispose();
  });

  it("orders every query's results the same, from the same stored impacts", async () => {
    for (const q of [
      "harbour",
      "harb",
      "night",
      "nigh",
      "quiet harbour",
      "harbour night",
      "still nightf",
    ]) {
      const [sqlite, postgres] = await Promise.all(
        dbs.map(async (db) =>
          (await searchReviews(db, q, nowIso(), 1, 50)).items.map((r) => r.film.title),
        ),
      );
      expect(sqlite!.length, q).toBeGreaterThan(1);
      expect(postgres, q).toEqual(sqlite);
    }
    const impacts = await Promise.all(
      dbs.map(async (db) =>
        (
          await sql<{ token: string; impact: number }>`select token, impact from search_postings
            where token in ('harbour', 'nightfall') order by token, review_id`.execute(db.kysely)
        ).rows.map((r) => [r.token, Number(r.impact)]),
      ),
    );
    expect(impacts[1]).toEqual(impacts[0]);
  });
});
