// What pages say about themselves to machines, on both databases: canonical URLs, feed
// autodiscovery, Open Graph and Twitter cards, and the review's schema.org JSON-LD.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { addStill } from "../../src/domain/stills.ts";
import { appFor, getPage } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture, hostileTitle } from "../support/fixture.ts";

const site = "http://127.0.0.1:4000";
const breakout = "</script><script>alert(1)</script>\u2028\u2029<!--";

type Doc = Awaited<ReturnType<typeof getPage>>["document"];

function meta(document: Doc, key: string): string | null {
  const found = [...document.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)].map(
    (m) => m.getAttribute("content"),
  );
  expect(found.length, `${key} appears at most once`).toBeLessThanOrEqual(1);
  return found[0] ?? null;
}

function jsonLd(document: Doc): Record<string, unknown> {
  // Inline scripts only: the comment form's own script is a same-origin file.
  const scripts = [...document.querySelectorAll("script:not([src])")];
  expect(scripts).toHaveLength(1);
  expect(scripts[0]?.getAttribute("type")).toBe("application/ld+json");
  return JSON.parse(scripts[0]?.textContent ?? "") as Record<string, unknown>;
}

function alternates(document: Doc) {
  return [...document.querySelectorAll('link[rel="alternate"]')].map((l) => ({
    type: l.getAttribute("type"),
    title: l.getAttribute("title"),
    href: l.getAttribute("href"),
  }));
}

function siteFeeds(base: string, title: string) {
  return [
    { type: "application/rss+xml", title: `${title} (RSS)`, href: `${site}${base}/feed.xml` },
    { type: "application/atom+xml", title: `${title} (Atom)`, href: `${site}${base}/feed.atom` },
    {
      type: "application/feed+json",
      title: `${title} (JSON Feed)`,
      href: `${site}${base}/feed.json`,
    },
  ];
}

describe.each(dialects)("page metadata on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  let breakoutSlug: string;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    const film = await createFilm(db, {
      title: breakout,
      year: 2024,
      credits: [{ role: "director", name: "Jane </script> Doe" }],
    });
    const breakoutReview = await createReview(db, {
      filmId: film.id,
      authorId: f.author.id,
      status: "published",
      body: "Nothing to see.",
      rating: 41,
      publishedAt: "2026-04-05T00:00:00.000Z",
    });
    breakoutSlug = breakoutReview.slug;
    // A processed still: cards get its 1600-pixel JPEG, not the original or a WebP.
    const variant = (format: "jpeg" | "webp", width: number) => ({
      format,
      width,
      height: (width * 9) / 16,
      path: `stills/b/b-${width}.${format === "jpeg" ? "jpg" : "webp"}`,
    });
    await addStill(db, {
      reviewId: breakoutReview.id,
      path: "stills/b/b-2400.jpg",
      width: 4000,
      height: 2250,
      alt: "A dark room",
      variants: [
        variant("webp", 480),
        variant("jpeg", 480),
        variant("webp", 1600),
        variant("jpeg", 1600),
        variant("webp", 2400),
        variant("jpeg", 2400),
      ],
    });
    // Enough reviews for a second page of the home listing.
    for (let i = 1; i <= 6; i++) {
      await createReview(db, {
        filmId: f.films.friday.id,
        authorId: f.author.id,
        status: "published",
        slug: `friday-${i}`,
        body: `Viewing ${i}.`,
        publishedAt: `2025-0${i}-01T00:00:00.000Z`,
      });
    }
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("gives a review an article card with its first still, and a twitter large image", async () => {
    const { document } = await getPage(app, `/review/${f.reviews.vegasReview.slug}`);
    const url = `${site}/review/leaving-las-vegas-1995`;
    expect(document.querySelector('link[rel="canonical"]')?.getAttribute("href")).toBe(url);
    expect(meta(document, "og:type")).toBe("article");
    expect(meta(document, "og:title")).toBe("Leaving Las Vegas (1995)");
    expect(meta(document, "og:description")).toBe(f.reviews.vegasReview.excerpt);
    expect(meta(document, "og:url")).toBe(url);
    expect(meta(document, "og:site_name")).toBe("Cinelog");
    expect(meta(document, "og:image")).toBe(`${site}/media/stills/vegas.jpg`);
    expect(meta(document, "og:image:width")).toBe("1600");
    expect(meta(document, "og:image:height")).toBe("900");
    expect(meta(document, "og:image:alt")).toBe("Neon over a desert road");
    expect(meta(document, "og:image:type")).toBe("image/jpeg");
    expect(meta(document, "article:published_time")).toBe("2026-01-12T20:00:00.000Z");
    expect(meta(document, "twitter:card")).toBe("summary_large_image");
    expect(meta(document, "twitter:image:alt")).toBe("Neon over a desert road");
  });

  it("describes a review in JSON-LD, rated on the site's scale", async () => {
    const { document } = await getPage(app, `/review/${f.reviews.vegasReview.slug}`);
    const data = jsonLd(document);
    expect(data).toMatchObject({
      "@context": "https://schema.org",
      "@type": "Review",
      url: `${site}/review/leaving-las-vegas-1995`,
      datePublished: "2026-01-12T20:00:00.000Z",
      author: { "@type": "Person", name: "Ada Critic" },
      itemReviewed: {
        "@type": "Movie",
        name: "Leaving Las Vegas",
        dateCreated: "1995",
        director: [{ "@type": "Person", name: "Mike Figgis", url: `${site}/person/mike-figgis` }],
        image: `${site}/media/stills/vegas.jpg`,
      },
      reviewRating: { "@type": "Rating", ratingValue: 4.5, bestRating: 5, worstRating: 0 },
    });
    expect(Date.parse(data.dateModified as string)).toBeGreaterThanOrEqual(
      Date.parse(data.datePublished as string),
    );

    await saveSetting(db, "ratingScale", "ten");
    const ten = jsonLd((await getPage(app, `/review/${f.reviews.vegasReview.slug}`)).document);
    expect(ten.reviewRating).toEqual({
      "@type": "Rating",
      ratingValue: 9,
      bestRating: 10,
      worstRating: 0,
    });
    await saveSetting(db, "ratingScale", "hundred");
    const hundred = jsonLd((await getPage(app, `/review/${f.reviews.vegasReview.slug}`)).document);
    expect(hundred.reviewRating).toMatchObject({ ratingValue: 90, bestRating: 100 });
    // A site that shows no ratings does not publish them to machines either.
    await saveSetting(db, "ratingScale", "none");
    const none = jsonLd((await getPage(app, `/review/${f.reviews.vegasReview.slug}`)).document);
    expect(none).not.toHaveProperty("reviewRating");
    await saveSetting(db, "ratingScale", "stars5");
  });

  it("leaves reviewRating and the image out of an unrated review without stills", async () => {
    const { document } = await getPage(app, `/review/${f.reviews.singinReview.slug}`);
    const data = jsonLd(document);
    expect(data).not.toHaveProperty("reviewRating");
    expect(data).not.toHaveProperty("image");
    expect(data.itemReviewed).toMatchObject({
      director: [
        { "@type": "Person", name: "Stanley Donen", url: `${site}/person/stanley-donen` },
        { "@type": "Person", name: "Gene Kelly", url: `${site}/person/gene-kelly` },
      ],
    });
    expect(meta(document, "og:type")).toBe("article");
    expect(meta(document, "og:image")).toBeNull();
    expect(meta(document, "twitter:card")).toBe("summary");
  });

  it("keeps hostile titles inside the JSON-LD", async () => {
    for (const [slug, title, director] of [
      [breakoutSlug, breakout, "Jane </script> Doe"],
      [f.reviews.hostileReview.slug, hostileTitle, "<img src=x onerror=alert(2)>"],
    ] as const) {
      const { html, document } = await getPage(app, `/review/${slug}`);
      const data = jsonLd(document);
      expect(data.itemReviewed).toMatchObject({ name: title, director: [{ name: director }] });
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toContain("<img src=x");
      const inline = html.replace(/<script src="\/assets\/[\w.-]+\.js"[^>]*><\/script>/g, "");
      expect(inline.match(/<\/script>/g)).toHaveLength(1);
      const raw = document.querySelector("script")?.textContent ?? "";
      expect(raw).not.toMatch(/[<>&\u2028\u2029]/);
    }
    const { document } = await getPage(app, `/review/${breakoutSlug}`);
    expect(jsonLd(document).reviewRating).toMatchObject({ ratingValue: 2, bestRating: 5 });
  });

  it("gives every other page a website card, once", async () => {
    for (const path of ["/", "/page/2", "/film/bob-le-flambeur-1956", "/series", "/no/such/page"]) {
      const { document } = await getPage(app, path);
      expect(meta(document, "og:type"), path).toBe("website");
      expect(meta(document, "og:site_name"), path).toBe("Cinelog");
      expect(meta(document, "og:url"), path).toBe(
        document.querySelector('link[rel="canonical"]')?.getAttribute("href"),
      );
      expect(meta(document, "twitter:card"), path).toBe("summary");
      expect(document.querySelectorAll("script"), path).toHaveLength(0);
    }
    const home = await getPage(app, "/");
    expect(meta(home.document, "og:title")).toBe("Cinelog");
    expect(meta(home.document, "og:description")).toBe("A film journal.");
    const series = await getPage(app, `/series/${f.series.slug}`);
    expect(meta(series.document, "og:title")).toBe("Gamblers & Grifters");
    expect(meta(series.document, "og:description")).toBe("My list.");
  });

  it("uses a card-sized JPEG of a processed still", async () => {
    const { document } = await getPage(app, `/review/${breakoutSlug}`);
    expect(meta(document, "og:image")).toBe(`${site}/media/stills/b/b-1600.jpg`);
    expect(meta(document, "og:image:type")).toBe("image/jpeg");
    expect(meta(document, "og:image:width")).toBe("1600");
    expect(meta(document, "og:image:height")).toBe("900");
    expect(meta(document, "og:image:alt")).toBe("A dark room");
    expect(jsonLd(document).image).toBe(`${site}/media/stills/b/b-1600.jpg`);
  });

  it("shows a film page with the lead still of its newest review", async () => {
    const { document } = await getPage(app, "/film/leaving-las-vegas-1995");
    expect(meta(document, "og:type")).toBe("website");
    expect(meta(document, "og:image")).toBe(`${site}/media/stills/vegas.jpg`);
    expect(meta(document, "twitter:card")).toBe("summary_large_image");
  });

  it("keeps canonical URLs free of query strings, and page 1 is the listing itself", async () => {
    const cases: [string, string][] = [
      ["/?utm_source=x&ref=y", "/"],
      ["/page/2?sort=old", "/page/2"],
      [`/review/${f.reviews.bobReview.slug}?ref=feed`, `/review/${f.reviews.bobReview.slug}`],
      [`/tag/neo-noir?x=1`, "/tag/neo-noir"],
    ];
    for (const [path, canonical] of cases) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path).toBe(200);
      const links = document.querySelectorAll('link[rel="canonical"]');
      expect(links, path).toHaveLength(1);
      expect(links[0]?.getAttribute("href"), path).toBe(`${site}${canonical}`);
    }
    // Page 1 has one address: its `/page/1` spelling is a permanent redirect there.
    const first = await app.request("/page/1");
    expect(first.status).toBe(301);
    expect(first.headers.get("location")).toBe("/");
  });

  it("links the site's feeds from every page, and a page's own feeds from it", async () => {
    const siteLinks = siteFeeds("", "Cinelog");
    for (const path of [
      "/",
      `/review/${f.reviews.vegasReview.slug}`,
      "/film/bob-le-flambeur-1956",
    ]) {
      expect(alternates((await getPage(app, path)).document), path).toEqual(siteLinks);
    }
    for (const [path, title] of [
      [`/series/${f.series.slug}`, "Gamblers & Grifters – Cinelog"],
      ["/person/mike-figgis", "Mike Figgis – Cinelog"],
      ["/tag/neo-noir", "Tagged “Neo-noir” – Cinelog"],
    ] as const) {
      const links = alternates((await getPage(app, path)).document);
      expect(links, path).toEqual([...siteLinks, ...siteFeeds(path, title)]);
      // Each advertised feed exists and says what it is.
      for (const link of links) {
        const response = await app.request(link.href!.slice(site.length));
        expect(response.status, link.href!).toBe(200);
        expect(response.headers.get("content-type"), link.href!).toBe(
          `${link.type}; charset=utf-8`,
        );
      }
    }
  });
});
