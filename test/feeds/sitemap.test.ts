// sitemap.xml and robots.txt, on both databases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture } from "../support/fixture.ts";
import { assertSoundXml, parseXml } from "./read-feed.ts";

const site = "http://127.0.0.1:4000";

describe.each(dialects)("sitemap and robots on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    // A tag only a draft carries has no page, so it is no URL either.
    await createReview(db, {
      filmId: f.films.friday.id,
      authorId: f.author.id,
      status: "draft",
      slug: "friday-draft",
      body: "Not yet.",
      tags: ["Unfinished"],
    });
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  async function readSitemap() {
    const response = await app.request("/sitemap.xml");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const raw = await response.text();
    assertSoundXml(raw, "urlset", "url");
    const doc = parseXml(raw);
    expect(doc.documentElement.getAttribute("xmlns")).toBe(
      "http://www.sitemaps.org/schemas/sitemap/0.9",
    );
    return [...doc.querySelectorAll("url")].map((url) => ({
      loc: url.querySelector("loc")?.textContent ?? "",
      lastmod: url.querySelector("lastmod")?.textContent ?? "",
    }));
  }

  it("lists every public page, and nothing that is not public", async () => {
    const urls = await readSitemap();
    const r = f.reviews;
    const expected = [
      "/",
      ...[r.vegasReview, r.bobReview, r.singinReview, r.bobRewatch, r.hostileReview].map(
        (review) => `/review/${review.slug}`,
      ),
      ...[f.films.vegas, f.films.bob, f.films.singin, f.films.hostile].map(
        (film) => `/film/${film.slug}`,
      ),
      "/person/mike-figgis",
      "/person/nicolas-cage",
      "/person/elisabeth-shue",
      "/person/jean-pierre-melville",
      "/person/stanley-donen",
      "/person/gene-kelly",
      "/person/img-src-x-onerror-alert-2",
      "/series",
      `/series/${f.series.slug}`,
      "/tag/las-vegas",
      "/tag/neo-noir",
    ].map((p) => `${site}${p}`);
    expect(urls.map((u) => u.loc).sort()).toEqual(expected.sort());
    // Not public, or only reachable through what is not: drafts, the future, their films,
    // people and tags.
    const all = urls.map((u) => u.loc).join("\n");
    for (const hidden of ["house-of-games", "amelie", "david-mamet", "jeunet", "unfinished"]) {
      expect(all).not.toContain(hidden);
    }
    // Every page of a listing, from the site itself, is reachable by links already.
    for (const url of urls) {
      expect(Number.isNaN(Date.parse(url.lastmod)), url.loc).toBe(false);
    }
  });

  it("dates each page by its latest change", async () => {
    const urls = await readSitemap();
    const lastmod = (p: string) => urls.find((u) => u.loc === `${site}${p}`)?.lastmod;
    const vegas = f.reviews.vegasReview;
    expect(lastmod(`/review/${vegas.slug}`)).toBe(
      vegas.updated_at > vegas.published_at! ? vegas.updated_at : vegas.published_at,
    );
    const reviewTimes = urls.filter((u) => u.loc.includes("/review/")).map((u) => u.lastmod);
    expect(lastmod("/")).toBe(reviewTimes.sort().at(-1));
    // Gene Kelly's page changes with the review of Singin' in the Rain, his only one.
    expect(lastmod("/person/gene-kelly")).toBe(lastmod(`/review/${f.reviews.singinReview.slug}`));
  });

  it("serves robots.txt that allows all but admin and search, and names the sitemap", async () => {
    const response = await app.request("/robots.txt");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    const lines = (await response.text()).split("\n");
    expect(lines[0]).toBe("User-agent: *");
    expect(lines).toContain("Allow: /");
    expect(lines).toContain("Disallow: /admin/");
    expect(lines).toContain("Disallow: /search");
    expect(lines).toContain(`Sitemap: ${site}/sitemap.xml`);
    expect(lines.filter((l) => l.startsWith("Disallow:"))).toHaveLength(2);
  });
});
