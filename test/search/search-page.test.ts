// The search page over HTTP, on both databases: anatomy, messages, escaping, visibility,
// pagination, and a page (never an error) for any query string at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { addStill } from "../../src/domain/stills.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture, hostileTitle } from "../support/fixture.ts";
import { makeAuthor, publisher } from "./search-data.ts";

/** Queries a reader (or a robot) might send; each is URL-encoded before sending. */
const hostileQueries = [
  '"',
  '""',
  "'",
  "''",
  "*",
  "-",
  "^",
  ":",
  "(",
  ")",
  "()",
  "NEAR(",
  "NEAR(vegas las, 2)",
  "las OR vegas",
  "AND",
  "NOT",
  "vegas NOT las",
  "-vegas",
  "title:vegas",
  "^vegas",
  "vegas*",
  '"unterminated phrase',
  "'; DROP TABLE reviews; --",
  '" OR 1=1 --',
  "1' or '1'='1",
  "') union select password_hash from users --",
  "vegas'); delete from search_fts; --",
  "\\",
  "%",
  "_",
  "& | ! <-> :*",
  "vegas:* & !las",
  "<script>alert(1)</script>",
  "a".repeat(10 * 1024),
  "vegas ".repeat(1800),
  "\u0000",
  "vegas\u0000las",
  "🎬🍿",
  "👩‍👩‍👧 amélie",
  "!!!...,,,;;;???",
  "   ",
  "فيلم",
  "千と千尋の神隠し",
  "e\u0301",
  "\u200b",
  "{}[]$1 \t\n\r",
  "\u007f\u0085\u202e",
];

/** Query strings sent exactly as written: bytes that are not UTF-8 or not a character. */
const rawQueryStrings = [
  "q=%ED%A0%80", // a lone high surrogate, encoded as UTF-8 would if it could
  "q=%ED%B0%80vegas", // a lone low surrogate
  "q=%FF%FE",
  "q=%C0%80", // an overlong NUL
  "q=%",
  "q=%E0%A4%A",
  "q=vegas%00",
  "q=vegas&q=las",
  "q[]=vegas",
  "q=vegas&page=abc",
  "q=vegas&page=-1",
  "q=vegas&page=99999999999999999999",
  "q=vegas&page=1e3",
];

describe.each(dialects)("the search page on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let publish: ReturnType<typeof publisher>;
  let authorId: number;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildFixture(db);
    authorId = (await makeAuthor(db)).id;
    publish = publisher(db, authorId);
    await publish(
      {
        title: "Amélie",
        year: 2001,
        credits: [{ role: "director", name: "Jean-Pierre Jeunet" }],
      },
      { slug: "amelie-public" },
    );
    await publish(
      { title: "Markup Matters", year: 2020 },
      { body: "Tom & Jerry: `<b>` is a tag, <b>bold</b> stays plain. The saxophone wails." },
    );
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("has a form that keeps the query, a count, and linked results", async () => {
    const { response, html, document } = await getPage(app, "/search?q=figgis");
    expect(response.status).toBe(200);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(textOf(document.querySelector("title"))).toMatch(/^Search: figgis – /);
    expect(document.querySelector('meta[name="robots"]')?.getAttribute("content")).toBe("noindex");
    expect(textOf(document.querySelector("h1"))).toBe("Search: figgis");

    const form = document.querySelector("form.search-form");
    expect(form?.getAttribute("method")).toBe("get");
    expect(form?.getAttribute("action")).toBe("/search");
    const input = form?.querySelector("input#search-q");
    expect(input?.getAttribute("type")).toBe("search");
    expect(input?.getAttribute("name")).toBe("q");
    expect(input?.getAttribute("value")).toBe("figgis");
    expect(textOf(form?.querySelector('label[for="search-q"]'))).toBe("Search the reviews");
    expect(form?.querySelector('button[type="submit"]')).not.toBeNull();

    expect(textOf(document.querySelector(".result-count"))).toBe("1 review matches “figgis”.");
    const results = document.querySelectorAll(".search-results > li");
    expect(results).toHaveLength(1);
    const link = results[0]?.querySelector("h2 a");
    expect(textOf(link)).toBe("Leaving Las Vegas (1995)");
    expect(link?.getAttribute("href")).toBe("/review/leaving-las-vegas-1995");
    expect(textOf(results[0]?.querySelector(".credit"))).toBe("Directed by Mike Figgis");
    expect(results[0]?.querySelector(".credit a")?.getAttribute("href")).toBe(
      "/person/mike-figgis",
    );
    expect(textOf(results[0]?.querySelector(".snippet"))).toBe(
      "A last weekend A slow and generous film about a man who has decided.",
    );
  });

  it("shows each result's lead still: the first by position, none for a review without", async () => {
    const pictured = await publish({ title: "Quokka Lantern", year: 1971 });
    await publish({ title: "Quokka Without Pictures", year: 1972 });
    for (const alt of ["The lantern at dusk", "The quokka at dawn"]) {
      await addStill(db, {
        reviewId: pictured.id,
        path: "still.jpg",
        width: 1200,
        height: 675,
        alt,
      });
    }
    const { document } = await getPage(app, "/search?q=quokka");
    const results = [...document.querySelectorAll(".search-results > li")];
    const byTitle = new Map(results.map((li) => [textOf(li.querySelector("h2 a")), li]));
    const withStill = byTitle.get("Quokka Lantern (1971)");
    const without = byTitle.get("Quokka Without Pictures (1972)");
    expect(withStill?.querySelectorAll(".card-still img")).toHaveLength(1);
    expect(withStill?.querySelector(".card-still img")?.getAttribute("alt")).toBe(
      "The lantern at dusk",
    );
    expect(without).toBeDefined();
    expect(without?.querySelector(".card-still")).toBeNull();
  });

  it("says what to do when the query is empty", async () => {
    for (const path of ["/search", "/search?q=", "/search?q=%20%20"]) {
      const { response, document } = await getPage(app, path);
      expect(response.status).toBe(200);
      expect(textOf(document.querySelector("h1"))).toBe("Search");
      expect(textOf(document.querySelector("title"))).toMatch(/^Search – /);
      expect(textOf(document.querySelector(".search-status"))).toBe(
        "Type a word or two above to search the reviews.",
      );
      expect(document.querySelector("input#search-q")?.getAttribute("value")).toBe("");
      expect(document.querySelector(".search-results")).toBeNull();
    }
  });

  it("says so when nothing matches, or when there is no word to search for", async () => {
    const none = await getPage(app, "/search?q=xyzzy+plugh");
    expect(textOf(none.document.querySelector(".search-status"))).toBe(
      "No reviews match “xyzzy plugh”. Check the spelling, or try fewer or shorter words.",
    );
    expect(none.document.querySelector(".search-results")).toBeNull();
    const punctuation = await getPage(app, `/search?q=${encodeURIComponent("?!…")}`);
    expect(textOf(punctuation.document.querySelector(".search-status"))).toMatch(
      /^There are no words to search for in “\?!…”/,
    );
  });

  it("marks matches, accents and all, and escapes everything else", async () => {
    const amelie = await getPage(app, "/search?q=amelie");
    const links = [...amelie.document.querySelectorAll(".search-results h2 a")];
    // The fixture's Amélie review is scheduled for 2099: only the public one is found.
    expect(links.map((a) => a.getAttribute("href"))).toEqual(["/review/amelie-public"]);
    expect(links[0]?.innerHTML).toBe("<mark>Amélie</mark> (2001)");

    const { html, document } = await getPage(app, "/search?q=saxophone");
    expect(html).toContain(
      '<p class="snippet">Tom &amp; Jerry: &lt;b&gt; is a tag, bold stays plain. The <mark>saxophone</mark> wails.</p>',
    );
    const snippet = document.querySelector(".snippet");
    expect([...(snippet?.children ?? [])].map((e) => e.tagName)).toEqual(["MARK"]);

    const hostile = await getPage(app, "/search?q=alert");
    expect(textOf(hostile.document.querySelector(".search-results h2"))).toBe(
      `${hostileTitle} (2001)`,
    );
    expect(hostile.html).not.toContain("<script>alert(1)");
    expect(hostile.document.querySelector("main script, main img")).toBeNull();
  });

  it("never finds drafts or later reviews, and finds a scheduled one once it is due", async () => {
    const notReady = await getPage(app, "/search?q=ready");
    expect(notReady.document.querySelector(".search-results")).toBeNull();
    const nextYear = await getPage(app, `/search?q=${encodeURIComponent("comes out next year")}`);
    expect(nextYear.document.querySelector(".search-results")).toBeNull();

    const film = await createFilm(db, { title: "Punctual Arrival", year: 2024 });
    await createReview(db, {
      filmId: film.id,
      authorId,
      status: "scheduled",
      body: "Right on time.",
      publishedAt: new Date(Date.now() + 1200),
    });
    const early = await getPage(app, "/search?q=punctual");
    expect(early.document.querySelector(".search-results")).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1400));
    const due = await getPage(app, "/search?q=punctual");
    expect(textOf(due.document.querySelector(".search-results h2"))).toBe(
      "Punctual Arrival (2024)",
    );
  });

  it("pages results at stable addresses", async () => {
    for (let i = 0; i < 12; i++) await publish({ title: `Kaleidoscope ${i + 1}`, year: 1970 + i });
    const first = await getPage(app, "/search?q=kaleidoscope");
    expect(textOf(first.document.querySelector(".result-count"))).toBe(
      "12 reviews match “kaleidoscope” (page 1 of 2).",
    );
    expect(first.document.querySelectorAll(".search-results > li")).toHaveLength(10);
    expect(first.document.querySelector(".search-results")?.getAttribute("start")).toBe("1");
    expect(first.document.querySelector('a[rel="prev"]')).toBeNull();
    expect(first.document.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
      "/search?q=kaleidoscope&page=2",
    );

    const second = await getPage(app, "/search?q=kaleidoscope&page=2");
    expect(second.document.querySelectorAll(".search-results > li")).toHaveLength(2);
    expect(second.document.querySelector(".search-results")?.getAttribute("start")).toBe("11");
    expect(second.document.querySelector('a[rel="prev"]')?.getAttribute("href")).toBe(
      "/search?q=kaleidoscope",
    );
    const titles = (d: Document) =>
      [...d.querySelectorAll(".search-results h2")].map((h) => textOf(h));
    const all = [...titles(first.document), ...titles(second.document)];
    expect(new Set(all).size).toBe(12);

    const beyond = await getPage(app, "/search?q=kaleidoscope&page=3");
    expect(beyond.response.status).toBe(200);
    expect(beyond.document.querySelector(".search-results")).toBeNull();
    expect(beyond.html).toContain('href="/search?q=kaleidoscope"');

    const encoded = await getPage(app, `/search?q=${encodeURIComponent("kaleido & ?")}`);
    expect(encoded.document.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
      "/search?q=kaleido%20%26%20%3F&page=2",
    );
  });

  it("answers every hostile query with a page, and leaves the data alone", async () => {
    const reviewsBefore = await countReviews(db);
    const paths = [
      ...hostileQueries.map((q) => `/search?q=${encodeURIComponent(q)}`),
      ...rawQueryStrings.map((qs) => `/search?${qs}`),
    ];
    expect(paths.length).toBeGreaterThanOrEqual(60);
    for (const path of paths) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path.slice(0, 80)).toBe(200);
      expect(document.querySelector("form.search-form input#search-q"), path).not.toBeNull();
      expect(textOf(document.querySelector("h1")), path).not.toBe("Something went wrong");
    }
    expect(await countReviews(db)).toBe(reviewsBefore);
    const vegas = await getPage(app, "/search?q=vegas");
    expect(textOf(vegas.document.querySelector(".result-count"))).toBe("1 review matches “vegas”.");
  });

  it("keeps long queries, cut to a reasonable length, and drops control characters", async () => {
    const long = await getPage(app, `/search?q=${encodeURIComponent("a".repeat(10 * 1024))}`);
    expect(long.document.querySelector("input#search-q")?.getAttribute("value")).toBe(
      "a".repeat(200),
    );
    // Control characters are removed once, at the edge (src/content/clean-text.ts).
    const nul = await getPage(app, "/search?q=las%00%01%20vegas");
    expect(nul.response.status).toBe(200);
    expect(nul.document.querySelector("input#search-q")?.getAttribute("value")).toBe("las vegas");
    expect(textOf(nul.document.querySelector(".result-count"))).toBe(
      "1 review matches “las vegas”.",
    );
  });
});

async function countReviews(db: TestDb): Promise<number> {
  const row = await db.kysely
    .selectFrom("reviews")
    .select((eb) => eb.fn.countAll().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
