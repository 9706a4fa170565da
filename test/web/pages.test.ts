// Every public page over HTTP, on both databases: status, anatomy, escaping, 404s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { stylesheets } from "../../src/web/assets/assets.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildFixture, hostileTitle } from "../support/fixture.ts";

describe.each(dialects)("public pages on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let f: Awaited<ReturnType<typeof buildFixture>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    f = await buildFixture(db);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  describe("the review page", () => {
    it("has the title, credit line, still, body, Up Next, tags, navigation and comments", async () => {
      const { response, html, document } = await getPage(app, "/review/leaving-las-vegas-1995");
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html; charset=UTF-8/i);
      expect(html.startsWith("<!doctype html>")).toBe(true);
      expect(textOf(document.querySelector("title"))).toBe("Leaving Las Vegas (1995) – Cinelog");

      expect(document.querySelectorAll("h1")).toHaveLength(1);
      expect(textOf(document.querySelector("h1"))).toBe("Leaving Las Vegas (1995)");

      const credit = document.querySelector(".review-header .credit");
      expect(textOf(credit)).toBe("Directed by Mike Figgis");
      expect(credit?.querySelector("a")?.getAttribute("href")).toBe("/person/mike-figgis");

      const figure = document.querySelector("figure.still");
      const img = figure?.querySelector("img");
      expect(img?.getAttribute("src")).toBe("/media/stills/vegas.jpg");
      expect(img?.getAttribute("alt")).toBe("Neon over a desert road");
      expect(img?.getAttribute("width")).toBe("1600");
      expect(img?.getAttribute("height")).toBe("900");
      expect(textOf(figure?.querySelector("figcaption"))).toBe("The Strip at dusk");

      const body = document.querySelector(".review-body");
      expect(textOf(body?.querySelector("h2"))).toBe("A last weekend");
      expect(body?.querySelector("em")?.textContent).toBe("slow");
      expect(body?.querySelector("script")).toBeNull();
      expect(html).not.toContain("alert('body')");

      const upNext = document.querySelector(".up-next");
      expect(textOf(upNext)).toMatch(
        /^Up Next: Bob le Flambeur \(1956\), His Girl Friday \(1940\), House of Games \(1987\)/,
      );
      const upNextLinks = [...(upNext?.querySelectorAll("a") ?? [])].map((a) => [
        textOf(a),
        a.getAttribute("href"),
      ]);
      expect(upNextLinks).toEqual([
        ["Bob le Flambeur (1956)", "/review/bob-le-flambeur-1956"],
        ["Gamblers & Grifters", "/series/gamblers-and-grifters"],
      ]);

      const tagLinks = [...document.querySelectorAll(".tags a")].map((a) => a.getAttribute("href"));
      expect(tagLinks).toEqual(["/tag/las-vegas", "/tag/neo-noir"]);
      expect(document.querySelector('.review-nav a[rel="next"]')?.getAttribute("href")).toBe(
        "/review/bob-le-flambeur-1956",
      );
      expect(document.querySelector('.review-nav a[rel="prev"]')).toBeNull();
      expect(document.querySelector("section#comments h2")?.textContent).toBe(
        "No replies yet to “Leaving Las Vegas (1995)”",
      );
      expect(document.querySelector("#respond form")?.getAttribute("method")).toBe("post");
      expect(textOf(document.querySelector(".rating"))).toBe("★★★★½");
    });

    it('says "Directed by A and B" with a link for each', async () => {
      const { document } = await getPage(app, `/review/${f.reviews.singinReview.slug}`);
      const credit = document.querySelector(".review-header .credit");
      expect(textOf(credit)).toBe("Directed by Stanley Donen and Gene Kelly");
      expect([...(credit?.querySelectorAll("a") ?? [])].map((a) => a.getAttribute("href"))).toEqual(
        ["/person/stanley-donen", "/person/gene-kelly"],
      );
    });

    it("escapes a hostile film title and director name everywhere", async () => {
      const { response, html, document } = await getPage(
        app,
        `/review/${f.reviews.hostileReview.slug}`,
      );
      expect(response.status).toBe(200);
      expect(textOf(document.querySelector("h1"))).toBe(`${hostileTitle} (2001)`);
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot; (2001)");
      expect(html).not.toContain("<script>alert(1)");
      expect(html).not.toContain("<img src=x");
      // The only script elements allowed are structured data, which browsers never run, and
      // the comment form's own script file.
      const scripts = [...document.querySelectorAll("script")];
      expect(
        scripts.every(
          (s) =>
            s.getAttribute("type") === "application/ld+json" ||
            /^\/assets\/comment-reply\.[0-9a-f]{12}\.js$/.test(s.getAttribute("src") ?? ""),
        ),
      ).toBe(true);
      const home = await getPage(app, "/");
      expect(home.html).not.toContain("<script>alert(1)");
      expect(textOf(home.document.querySelector(".review-card h2"))).toBe(`${hostileTitle} (2001)`);
    });

    it("is a 404 for unknown, draft and not-yet-scheduled slugs", async () => {
      for (const path of [
        "/review/no-such-review",
        "/review/house-of-games-draft",
        "/review/amelie-later",
        "/review/%3Cscript%3E",
        "/film/no-such-film",
        "/person/nobody",
        "/series/none",
        "/tag/none",
        "/no/such/page",
        "/page/0",
        "/page/99",
        "/page/abc",
      ]) {
        const { response, document } = await getPage(app, path);
        expect(response.status, path).toBe(404);
        expect(textOf(document.querySelector("h1")), path).toBe("Page not found");
      }
    });

    it("appears by itself when its scheduled time comes, with no restart", async () => {
      const at = new Date(Date.now() + 1500);
      const film = await createFilm(db, { title: "Twentieth Century", year: 1934 });
      await createReview(db, {
        filmId: film.id,
        authorId: f.author.id,
        slug: "friday-soon",
        body: "Soon.",
        status: "scheduled",
        publishedAt: at,
      });
      expect((await app.request("/review/friday-soon")).status).toBe(404);
      await new Promise((resolve) =>
        setTimeout(resolve, Math.max(0, at.getTime() - Date.now()) + 50),
      );
      expect((await app.request("/review/friday-soon")).status).toBe(200);
    });
  });

  it("home lists the latest public reviews with directors, newest first", async () => {
    const { response, document } = await getPage(app, "/");
    expect(response.status).toBe(200);
    const titles = [...document.querySelectorAll(".review-card h2")].map(textOf);
    expect(titles).toContain("Leaving Las Vegas (1995)");
    expect(titles).not.toContain("House of Games (1987)");
    expect(titles).not.toContain("Amélie (2001)");
    expect(titles.indexOf("Bob le Flambeur (1956)")).toBeLessThan(
      titles.indexOf("Leaving Las Vegas (1995)"),
    );
    expect(document.querySelector(".review-card .credit a")).not.toBeNull();
  });

  it("home paginates with stable URLs", async () => {
    for (let i = 0; i < 8; i++) {
      await createReview(db, {
        filmId: f.films.singin.id,
        authorId: f.author.id,
        slug: `extra-${i}`,
        body: `Extra ${i}`,
        status: "published",
        publishedAt: `2025-0${i + 1}-01T00:00:00.000Z`,
      });
    }
    const first = await getPage(app, "/");
    expect(first.document.querySelectorAll(".review-card")).toHaveLength(10);
    expect(first.document.querySelector('.pagination a[rel="next"]')?.getAttribute("href")).toBe(
      "/page/2",
    );
    const second = await getPage(app, "/page/2");
    expect(second.response.status).toBe(200);
    expect(second.document.querySelectorAll(".review-card").length).toBeGreaterThan(0);
    expect(second.document.querySelector('.pagination a[rel="prev"]')?.getAttribute("href")).toBe(
      "/",
    );
  });

  it("film page shows credits, facts and every review including rewatches", async () => {
    const { response, document } = await getPage(app, "/film/bob-le-flambeur-1956");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Bob le Flambeur (1956)");
    expect(textOf(document.querySelector(".original-title"))).toBe(
      "Original title: Bob le flambeur",
    );
    expect(textOf(document.querySelector("#film-reviews"))).toBe("Reviews and rewatches");
    const cards = [...document.querySelectorAll(".review-card")];
    expect(cards).toHaveLength(2);
    expect(textOf(cards[1]?.querySelector(".badge"))).toBe("Rewatch");
    const vegas = await getPage(app, "/film/leaving-las-vegas-1995");
    const facts = textOf(vegas.document.querySelector(".facts"));
    expect(facts).toContain("Nicolas Cage as Ben Sanderson");
    expect(facts).toContain("111 minutes");
    expect(facts).toContain("United States");
  });

  it("person page lists each reviewed film once, with every role on it", async () => {
    const { response, document } = await getPage(app, "/person/gene-kelly");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Gene Kelly");
    expect(textOf(document.querySelector(".role-counts"))).toBe("Director (1) · Actor (1)");
    const rows = document.querySelectorAll(".filmography li");
    expect(rows).toHaveLength(1);
    expect(textOf(rows[0]!.querySelector(".roles"))).toMatch(/^— Director, Actor( as .+)?$/);
    expect(document.querySelector(".filmography a")?.getAttribute("href")).toBe(
      `/review/${f.reviews.singinReview.slug}`,
    );
  });

  it("series page shows progress and the ordered list with status", async () => {
    const { response, document } = await getPage(app, "/series/gamblers-and-grifters");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector(".progress-text"))).toBe("3 of 6 reviewed");
    const entries = [...document.querySelectorAll(".series-entries li")].map(textOf);
    expect(entries).toEqual([
      "Singin' in the Rain (1952) Reviewed",
      "Leaving Las Vegas (1995) Reviewed",
      "Bob le Flambeur (1956) Reviewed",
      "His Girl Friday (1940) Queued",
      "House of Games (1987) Queued",
      "Amélie (2001) Queued",
    ]);
    const index = await getPage(app, "/series");
    expect(textOf(index.document.querySelector(".series-index li"))).toBe(
      "Gamblers & Grifters 3 of 6 reviewed",
    );
  });

  it("tag page lists public reviews with that tag", async () => {
    const { response, document } = await getPage(app, "/tag/neo-noir");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Tagged “Neo-noir”");
    expect(document.querySelectorAll(".review-card")).toHaveLength(2);
  });

  it("serves the stylesheet for a year and sets security headers", async () => {
    const css = await app.request(stylesheets.base.href);
    expect(css.status).toBe(200);
    expect(css.headers.get("cache-control")).toContain("immutable");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
    const brotli = await app.request(stylesheets.base.href, {
      headers: { "accept-encoding": "br" },
    });
    expect(brotli.headers.get("content-encoding")).toBe("br");
    const page = await app.request("/");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
