// Every feed (site, series, person, tag) in every format (RSS 2.0, Atom, JSON Feed 1.1), on
// both databases, read back with an independent parser.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { addStill } from "../../src/domain/stills.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture, hostileTitle } from "../support/fixture.ts";
import { extensions, formats, readFeed, type ReadItem } from "./read-feed.ts";

const site = "http://127.0.0.1:4000";
const hostileTag = `<b>Bold</b> & "Q" ]]> ]]>`;
const stillBytes = 1234;

describe.each(dialects)("feeds on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let noirSlug: string;
  /** Review slugs each feed should list, newest first. */
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    // The lead still exists on disk, so its enclosure can say how long it is.
    fs.mkdirSync(path.join(db.mediaDir, "stills"), { recursive: true });
    fs.writeFileSync(path.join(db.mediaDir, "stills/vegas.jpg"), Buffer.alloc(stillBytes, 7));
    await addStill(db, {
      reviewId: f.reviews.vegasReview.id,
      path: "stills/vegas-motel.png",
      width: 800,
      height: 450,
      alt: "A motel room at noon",
    });

    // A processed still: entries carry its 1600-pixel JPEG, the file a reader can show.
    fs.mkdirSync(path.join(db.mediaDir, "stills/h"), { recursive: true });
    fs.writeFileSync(path.join(db.mediaDir, "stills/h/h-1600.jpg"), Buffer.alloc(555, 1));
    await addStill(db, {
      reviewId: f.reviews.hostileReview.id,
      path: "stills/h/h-2400.jpg",
      width: 3000,
      height: 1500,
      alt: "Red light",
      variants: [
        { format: "jpeg", width: 480, height: 240, path: "stills/h/h-480.jpg" },
        { format: "webp", width: 1600, height: 800, path: "stills/h/h-1600.webp" },
        { format: "jpeg", width: 1600, height: 800, path: "stills/h/h-1600.jpg" },
        { format: "jpeg", width: 2400, height: 1200, path: "stills/h/h-2400.jpg" },
      ],
    });

    // Mike Figgis is credited on a second film, as cast: his feed covers every credit.
    const noir = await createFilm(db, {
      title: "Night and the City",
      year: 1950,
      credits: [
        { role: "director", name: "Jules Dassin" },
        { role: "cast", name: "Mike Figgis", character: "A gambler" },
      ],
    });
    const noirReview = await createReview(db, {
      filmId: noir.id,
      authorId: f.author.id,
      status: "published",
      body: [
        "See [the Vegas review](/review/leaving-las-vegas-1995), [a note](#note)",
        'and ![a poster](poster.png "Poster").',
        "",
        "The end.",
      ].join("\n"),
      rating: 70,
      publishedAt: "2026-04-03T20:00:00.000Z",
      tags: [hostileTag, "Neo-noir"],
    });
    noirSlug = noirReview.slug;

    // Not public: they must stay out of every feed, including the scoped ones.
    await createReview(db, {
      filmId: f.films.vegas.id,
      authorId: f.author.id,
      status: "draft",
      slug: "vegas-draft",
      body: "Secret draft words.",
      tags: ["Neo-noir", "Unfinished"],
    });
    await createReview(db, {
      filmId: f.films.bob.id,
      authorId: f.author.id,
      status: "scheduled",
      slug: "bob-future",
      body: "Secret future words.",
      publishedAt: "2099-06-01T00:00:00.000Z",
      tags: ["Neo-noir"],
    });

    // Edited before it was published: its "updated" is its publication.
    await db.kysely
      .updateTable("reviews")
      .set({ updated_at: "2020-01-01T00:00:00.000Z" })
      .where("id", "=", f.reviews.singinReview.id)
      .execute();

    const r = f.reviews;
    expected = {
      "": [
        noirSlug,
        r.hostileReview.slug,
        r.bobRewatch.slug,
        r.singinReview.slug,
        r.bobReview.slug,
        r.vegasReview.slug,
      ],
      "/series/gamblers-and-grifters": [
        r.bobRewatch.slug,
        r.singinReview.slug,
        r.bobReview.slug,
        r.vegasReview.slug,
      ],
      "/person/mike-figgis": [noirSlug, r.vegasReview.slug],
      "/tag/neo-noir": [noirSlug, r.bobReview.slug, r.vegasReview.slug],
    };
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const feedTitles: Record<string, string> = {
    "": "Cinelog",
    "/series/gamblers-and-grifters": "Gamblers & Grifters – Cinelog",
    "/person/mike-figgis": "Mike Figgis – Cinelog",
    "/tag/neo-noir": "Tagged “Neo-noir” – Cinelog",
  };

  async function itemOf(format: (typeof formats)[number], slug: string): Promise<ReadItem> {
    const feed = await readFeed(app, `/feed.${extensions[format]}`, format);
    const item = feed.items.find((i) => i.url === `${site}/review/${slug}`);
    expect(item, `${slug} in the ${format} feed`).toBeDefined();
    return item!;
  }

  it("lists the latest public reviews, newest first, in every feed and format", async () => {
    for (const [base, title] of Object.entries(feedTitles)) {
      for (const format of formats) {
        const feedPath = `${base}/feed.${extensions[format]}`;
        const feed = await readFeed(app, feedPath, format);
        expect(feed.title, feedPath).toBe(title);
        expect(feed.url, feedPath).toBe(`${site}${base || "/"}`);
        expect(feed.self, feedPath).toBe(`${site}${feedPath}`);
        const urls = expected[base]!.map((slug) => `${site}/review/${slug}`);
        expect(
          feed.items.map((i) => i.url),
          feedPath,
        ).toEqual(urls);
        for (const item of feed.items) {
          expect(item.id, feedPath).toBe(item.url);
          expect(item.title, feedPath).toMatch(/\(\d{4}\)$/);
          expect(item.authors, feedPath).toEqual(["Ada Critic"]);
          expect(item.published?.getTime(), feedPath).toBeGreaterThan(0);
          expect(item.updated!.getTime(), feedPath).toBeGreaterThanOrEqual(
            item.published!.getTime(),
          );
          expect(item.summary, feedPath).toBeTruthy();
          expect(item.content!.length, feedPath).toBeGreaterThan(item.summary!.length);
        }
        for (const secret of ["Secret draft", "Secret future", "Not ready yet", "Comes out next"]) {
          expect(feed.raw, feedPath).not.toContain(secret);
        }
      }
    }
  });

  it("gives each entry the full review, with absolute links and images", async () => {
    for (const format of formats) {
      const vegas = await itemOf(format, f.reviews.vegasReview.slug);
      expect(vegas.title).toBe("Leaving Las Vegas (1995)");
      expect(vegas.published?.toISOString()).toBe("2026-01-12T20:00:00.000Z");
      expect(vegas.summary).toBe(f.reviews.vegasReview.excerpt);
      const content = vegas.content ?? "";
      expect(content).toContain("<h2>A last weekend</h2>");
      expect(content).toContain("<em>slow</em>");
      expect(content).toContain(`Directed by <a href="${site}/person/mike-figgis">Mike Figgis</a>`);
      expect(content).toContain(`<img src="${site}/media/stills/vegas.jpg" alt="Neon over`);
      expect(content).toContain("<figcaption>The Strip at dusk</figcaption>");
      expect(content).toContain(`<img src="${site}/media/stills/vegas-motel.png"`);
      expect(content).toContain("Rating: ★★★★½ (4.5 out of 5)");
      expect(content).not.toContain("<script");
      expect(content).not.toContain("alert('body')");

      const noir = await itemOf(format, noirSlug);
      const body = noir.content ?? "";
      expect(body).toContain(`href="${site}/review/leaving-las-vegas-1995"`);
      expect(body).toContain(`href="${site}/review/${noirSlug}#note"`);
      expect(body).toContain(`src="${site}/review/poster.png"`);
      expect(body).not.toMatch(/(href|src)="(?!https?:)/);
    }
  });

  it("takes its updated time from the later of publication and last edit", async () => {
    for (const format of ["atom", "json"] as const) {
      const singin = await itemOf(format, f.reviews.singinReview.slug);
      expect(singin.updated?.toISOString()).toBe("2026-03-01T20:00:00.000Z");
      const vegas = await itemOf(format, f.reviews.vegasReview.slug);
      expect(vegas.updated?.toISOString()).toBe(f.reviews.vegasReview.updated_at);
    }
  });

  it("gives tags as categories and the lead still as the entry's image", async () => {
    for (const format of formats) {
      const feed = await readFeed(app, `/feed.${extensions[format]}`, format);
      const index = feed.items.findIndex((i) => i.url === `${site}/review/${noirSlug}`);
      expect(feed.items[index]?.categories).toEqual([hostileTag, "Neo-noir"]);
      const vegasIndex = feed.items.findIndex((i) => i.title === "Leaving Las Vegas (1995)");
      expect(feed.items[vegasIndex]?.imageUrl).toBe(`${site}/media/stills/vegas.jpg`);
      expect(feed.items[index]?.imageUrl ?? null).toBeNull();
      const hostileIndex = feed.items.findIndex((i) => i.title === `${hostileTitle} (2001)`);
      const shareImage = `${site}/media/stills/h/h-1600.jpg`;
      expect(feed.items[hostileIndex]?.imageUrl).toBe(shareImage);
      expect(feed.items[hostileIndex]?.content).toContain(
        `<img src="${shareImage}" alt="Red light" width="1600" height="800">`,
      );
      if (format !== "json") {
        expect(feed.media[vegasIndex]?.[0]).toEqual({
          url: `${site}/media/stills/vegas.jpg`,
          mimeType: "image/jpeg",
          length: stillBytes,
        });
        expect(feed.media[hostileIndex]?.[0]).toEqual({
          url: shareImage,
          mimeType: "image/jpeg",
          length: 555,
        });
      }
    }
  });

  it("keeps a hostile film title exactly as written, and only as text", async () => {
    for (const format of formats) {
      const item = await itemOf(format, f.reviews.hostileReview.slug);
      expect(item.title).toBe(`${hostileTitle} (2001)`);
    }
    for (const format of ["rss", "atom"] as const) {
      const feed = await readFeed(app, `/feed.${extensions[format]}`, format);
      expect(feed.raw).not.toContain("<script>alert(1)");
      expect(feed.raw).not.toContain("<b>Bold");
    }
    const atom = await readFeed(app, "/feed.atom", "atom");
    expect(atom.raw).toContain(
      '<title type="text">&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Co" (2001)</title>',
    );
  });

  it("answers 404 for unknown or invalid slugs, and for a tag with no public review", async () => {
    for (const format of formats) {
      const file = `feed.${extensions[format]}`;
      for (const missing of [
        `/series/no-such-series/${file}`,
        `/person/nobody-at-all/${file}`,
        `/tag/no-such-tag/${file}`,
        `/tag/unfinished/${file}`,
        `/series/%3Cscript%3E/${file}`,
        `/review/${f.reviews.vegasReview.slug}/${file}`,
      ]) {
        expect((await app.request(missing)).status, missing).toBe(404);
      }
    }
  });
});

describe.each(dialects)("feed length on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("carries the latest 20 public reviews, and an empty site still has a valid feed", async () => {
    const app = appFor(db);
    for (const format of formats) {
      const empty = await readFeed(app, `/feed.${extensions[format]}`, format);
      expect(empty.items).toEqual([]);
    }
    const f = await buildFixture(db);
    for (let i = 1; i <= 25; i++) {
      await createReview(db, {
        filmId: f.films.friday.id,
        authorId: f.author.id,
        status: "published",
        slug: `friday-${i}`,
        body: `Viewing number ${i}.`,
        publishedAt: `2026-05-${String(i).padStart(2, "0")}T10:00:00.000Z`,
      });
    }
    for (const format of formats) {
      const feed = await readFeed(app, `/feed.${extensions[format]}`, format);
      expect(feed.items).toHaveLength(20);
      expect(feed.items[0]?.url).toBe(`${site}/review/friday-25`);
      expect(feed.items[19]?.url).toBe(`${site}/review/friday-6`);
    }
  });
});
