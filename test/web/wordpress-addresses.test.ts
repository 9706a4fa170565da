// A blog moved in from WordPress keeps its subscribers and search-engine links: the addresses
// WordPress answered on (feeds, category, tag and author archives, pagination, search,
// per-post feeds, trailing slashes, other letter case) answer 301 to a page here that answers
// 200 — feeds to feeds —, on both databases, and never to another host.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importWordPress } from "../../src/importers/wordpress/import-wordpress.ts";
import { appFor } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import type { WxrItemSpec } from "../support/wxr-writer.ts";
import { items as fixtureItems, writeWxrFile } from "../importers/wordpress-fixture.ts";

// Enough published reviews for a second home page (ten to a page).
const extra: WxrItemSpec[] = Array.from({ length: 12 }, (_, i) => ({
  id: 500 + i,
  title: `Film Number ${i + 1} (${1960 + i})`,
  slug: `film-number-${i + 1}`,
  date: `2013-01-${String(i + 1).padStart(2, "0")} 20:00:00`,
  categories: ["Film Noir"],
  content: `Directed by Ann Example\n\nA paragraph about film ${i + 1}.`,
}));

describe.each(dialects)("old WordPress addresses on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;

  beforeAll(async () => {
    db = await openTestDb(dialect);
    await importWordPress(db, {
      file: writeWxrFile({}, [...fixtureItems, ...extra]),
      mediaDir: db.mediaDir,
    });
    app = appFor(db);
  });
  afterAll(() => db.dispose());

  async function lands(from: string, to: string, method = "GET") {
    const response = await app.request(from, { method });
    expect(response.status, `${method} ${from}`).toBe(301);
    expect(response.headers.get("location"), from).toBe(to);
    const target = await app.request(to);
    expect(target.status, `${from} -> ${to}`).toBe(200);
    return target;
  }

  it("sends the site's feeds to its feeds", async () => {
    for (const path of [
      "/feed/",
      "/feed",
      "/feed/rss2/",
      "/feed/rss/",
      "/?feed=rss2",
      "/?feed=rss",
    ]) {
      const target = await lands(path, "/feed.xml");
      expect(target.headers.get("content-type")).toContain("rss+xml");
    }
    for (const path of ["/feed/atom/", "/?feed=atom"]) {
      const target = await lands(path, "/feed.atom");
      expect(target.headers.get("content-type")).toContain("atom+xml");
    }
    for (const path of ["/comments/feed/", "/comments/feed/atom/", "/?feed=comments-rss2"]) {
      await lands(path, "/comments/feed.xml");
    }
    await lands("/feed/", "/feed.xml", "HEAD");
  });

  it("sends categories and tags to the tag pages, and their feeds to the tag feeds", async () => {
    await lands("/category/film-noir/", "/tag/film-noir");
    await lands("/category/Film-Noir/", "/tag/film-noir");
    await lands("/category/reviews/film-noir/", "/tag/film-noir");
    await lands("/category/film-noir/page/2/", "/tag/film-noir/page/2");
    await lands("/tag/film-noir/page/2/", "/tag/film-noir/page/2");
    // Past the last page, or page 1: the tag's own address.
    await lands("/category/film-noir/page/90/", "/tag/film-noir");
    await lands("/category/film-noir/page/1/", "/tag/film-noir");
    await lands("/tag/noir/", "/tag/noir");
    await lands("/tag/Paris/", "/tag/paris");
    await lands("/?tag=noir", "/tag/noir");
    await lands("/category/film-noir/feed/", "/tag/film-noir/feed.xml");
    await lands("/tag/noir/feed/atom/", "/tag/noir/feed.atom");
    // No such tag: still a 404, not a redirect to one.
    expect((await app.request("/category/no-such-thing/")).status).toBe(404);
    expect((await app.request("/tag/no-such-thing/")).status).toBe(404);
  });

  it("sends author archives home (Cinelog has no page per writer)", async () => {
    await lands("/author/admin/", "/");
    await lands("/author/admin/page/3/", "/");
    await lands("/author/admin/feed/", "/feed.xml");
    await lands("/?author=1", "/");
  });

  it("keeps home pagination and search", async () => {
    await lands("/page/2/", "/page/2");
    await lands("/?paged=2", "/page/2");
    expect((await app.request("/page/40/")).status).toBe(404);
    const found = await lands("/?s=gambler", "/search?q=gambler");
    expect(await found.text()).toContain("Bob le Flambeur");
    await lands("/?s=house+of+games", "/search?q=house%20of%20games");
    await lands("/search/card%20trick/", "/search?q=card%20trick");
    await lands("/?s=", "/search");
  });

  it("answers a review address with a trailing slash or in other letter case", async () => {
    await lands("/review/bob-le-flambeur-1956/", "/review/bob-le-flambeur-1956");
    await lands("/Review/Bob-Le-Flambeur-1956", "/review/bob-le-flambeur-1956");
    await lands("/REVIEW/BOB-LE-FLAMBEUR-1956/", "/review/bob-le-flambeur-1956");
    await lands("/2012/03/Bob-Le-Flambeur-1956/", "/review/bob-le-flambeur-1956");
    await lands("/pages/About/", "/pages/about");
    await lands("/archive/", "/archive");
    expect((await app.request("/review/no-such-review/")).status).toBe(404);
  });

  it("sends a post's own feed to its comment feed", async () => {
    const target = await lands(
      "/2012/03/house-of-games-1987/feed/",
      "/review/house-of-games-1987/comments/feed.xml",
    );
    expect(await target.text()).toContain("card trick");
    await lands("/?p=103&feed=rss2", "/review/house-of-games-1987/comments/feed.xml");
    expect((await app.request("/2012/03/no-such-post/feed/")).status).toBe(404);
  });

  it("keeps the old permalinks working", async () => {
    await lands("/2012/03/bob-le-flambeur-1956/", "/review/bob-le-flambeur-1956");
    await lands("/?p=101", "/review/bob-le-flambeur-1956");
  });

  it("never redirects to another host, and only on GET and HEAD", async () => {
    for (const path of [
      "//evil.example/",
      "//evil.example/feed/",
      "/%2F%2Fevil.example/",
      "/\\evil.example/",
    ]) {
      const response = await app.request(`http://127.0.0.1${path}`);
      const location = response.headers.get("location");
      if (location !== null) {
        expect(location, path).toMatch(/^\/[^/\\]/);
      }
    }
    for (const method of ["POST", "PUT", "DELETE"]) {
      const response = await app.request("/feed/", { method });
      expect(response.status, method).not.toBe(301);
    }
  });
});
