// The index pages over HTTP on both databases: anatomy, links, pagination, escaping, 404s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saveSetting } from "../../src/domain/settings.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildIndexSite, directorsInOrder, hostileDirector } from "./index-site.ts";

type Doc = Awaited<ReturnType<typeof getPage>>["document"];

function linksIn(element: Element | null | undefined): [string, string | null][] {
  return [...(element?.querySelectorAll("a") ?? [])].map((a) => [
    textOf(a),
    a.getAttribute("href"),
  ]);
}

function expectAnatomy(document: Doc, title: string, h1: string) {
  expect(textOf(document.querySelector("title"))).toBe(`${title} – Cinelog`);
  expect(document.querySelectorAll("h1")).toHaveLength(1);
  expect(textOf(document.querySelector("h1"))).toBe(h1);
}

describe.each(dialects)("index pages on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildIndexSite(db);
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  describe("/archive", () => {
    it("lists years and months with counts, linking to each", async () => {
      const { response, document } = await getPage(app, "/archive");
      expect(response.status).toBe(200);
      expectAnatomy(document, "Archive", "Archive");
      const years = [...document.querySelectorAll("main section section")];
      expect(years.map((s) => textOf(s.querySelector("h2")))).toEqual([
        "2026 14 reviews",
        "2025 1 review",
      ]);
      expect(linksIn(years[0])).toEqual([
        ["2026", "/archive/2026"],
        ["April 2026", "/archive/2026/04"],
        ["March 2026", "/archive/2026/03"],
        ["February 2026", "/archive/2026/02"],
        ["January 2026", "/archive/2026/01"],
      ]);
      expect(textOf(years[0]?.querySelector("li:nth-child(2)"))).toBe("March 2026 11 reviews");
    });

    it("shows a month in pages of ten, newest first, with stable page URLs", async () => {
      const first = await getPage(app, "/archive/2026/03");
      expect(first.response.status).toBe(200);
      expectAnatomy(first.document, "Reviews from March 2026", "March 2026");
      const cards = first.document.querySelectorAll(".review-card");
      expect(cards).toHaveLength(10);
      expect(cards[0]?.querySelector("time")?.getAttribute("datetime")).toBe(
        "2026-03-31T23:59:59.999Z",
      );
      const pages = first.document.querySelector('nav.pagination[aria-label="Pages"]');
      expect(pages?.querySelector('a[rel="next"]')?.getAttribute("href")).toBe(
        "/archive/2026/03/page/2",
      );
      expect(linksIn(first.document.querySelector('nav[aria-label="Breadcrumb"]'))).toEqual([
        ["Archive", "/archive"],
        ["2026", "/archive/2026"],
      ]);

      const second = await getPage(app, "/archive/2026/03/page/2");
      expect(second.response.status).toBe(200);
      expectAnatomy(second.document, "Reviews from March 2026, page 2", "March 2026");
      const last = second.document.querySelectorAll(".review-card");
      expect(last).toHaveLength(1);
      expect(last[0]?.querySelector("time")?.getAttribute("datetime")).toBe(
        "2026-03-01T00:00:00.000Z",
      );
      expect(second.document.querySelector('.pagination a[rel="prev"]')?.getAttribute("href")).toBe(
        "/archive/2026/03",
      );
    });

    it("shows a year with its months, and the April review in April", async () => {
      const { document } = await getPage(app, "/archive/2026");
      expectAnatomy(document, "Reviews from 2026", "Reviews from 2026");
      expect(linksIn(document.querySelector('nav[aria-label="Months of 2026"]'))).toHaveLength(4);
      expect(document.querySelectorAll(".review-card")).toHaveLength(10);
      const page2 = await getPage(app, "/archive/2026/page/2");
      expect(page2.document.querySelectorAll(".review-card")).toHaveLength(4);
      const april = await getPage(app, "/archive/2026/04");
      expect(
        [...april.document.querySelectorAll(".review-card time")].map((t) =>
          t.getAttribute("datetime"),
        ),
      ).toEqual(["2026-04-01T00:00:00.000Z"]);
    });
  });

  describe("/directors", () => {
    it("lists directors A–Z by family name with counts, linked to their pages", async () => {
      const { response, html, document } = await getPage(app, "/directors");
      expect(response.status).toBe(200);
      expectAnatomy(document, "Directors", "Directors");
      const entries = [...document.querySelectorAll("ul.directors li")];
      expect(entries.map((li) => textOf(li.querySelector("a")))).toEqual(directorsInOrder);
      expect(textOf(entries[9])).toBe("Mike Figgis 1 film");
      expect(entries[9]?.querySelector("a")?.getAttribute("href")).toBe("/person/mike-figgis");
      expect([...document.querySelectorAll("main h2")].map((h) => textOf(h))).toEqual([
        "A",
        "C",
        "D",
        "E",
        "F",
        "H",
        "K",
        "V",
        "Other",
      ]);
      // The hostile name is shown as text, never as markup.
      expect(textOf(entries[13]?.querySelector("a"))).toBe(hostileDirector);
      expect(html).not.toContain('<script>alert("d")');
      expect(document.querySelectorAll("script")).toHaveLength(0);
    });

    it("has a letter bar that links only the letters with directors", async () => {
      const { document } = await getPage(app, "/directors");
      const bar = document.querySelector('nav[aria-label="Directors by letter"]');
      expect(bar?.querySelectorAll("li")).toHaveLength(27);
      expect(linksIn(bar)).toEqual([
        ["A", "#letter-a"],
        ["C", "#letter-c"],
        ["D", "#letter-d"],
        ["E", "#letter-e"],
        ["F", "#letter-f"],
        ["H", "#letter-h"],
        ["K", "#letter-k"],
        ["V", "#letter-v"],
        ["Other", "#letter-other"],
      ]);
      for (const [, href] of linksIn(bar)) {
        expect(document.querySelector(href!)?.tagName).toBe("H2");
      }
      expect(textOf(bar?.querySelector("li:nth-child(2)"))).toBe("B");
    });
  });

  describe("/years and /decades", () => {
    it("lists decades and their years with counts", async () => {
      const { document } = await getPage(app, "/years");
      expectAnatomy(document, "Years", "Years");
      const decades = [...document.querySelectorAll("main section section")];
      expect(decades.map((s) => textOf(s.querySelector("h2")))).toEqual([
        "1940s 2 reviews",
        "1950s 1 review",
        "1960s 1 review",
        "1970s 2 reviews",
        "1990s 7 reviews",
        "2000s 1 review",
      ]);
      expect(linksIn(decades[4])).toEqual([
        ["1990s", "/decades/1990s"],
        ["1992", "/years/1992"],
        ["1995", "/years/1995"],
        ["1996", "/years/1996"],
        ["1999", "/years/1999"],
      ]);
    });

    it("shows a year's and a decade's reviews", async () => {
      const year = await getPage(app, "/years/1995");
      expect(year.response.status).toBe(200);
      expectAnatomy(year.document, "Films from 1995", "Films from 1995");
      expect(year.document.querySelectorAll(".review-card")).toHaveLength(2);
      // The stylesheet draws the separators; the markup writing them too showed "› ›".
      const crumbs = year.document.querySelector('nav[aria-label="Breadcrumb"]');
      expect(crumbs?.querySelectorAll("li")).toHaveLength(3);
      expect(crumbs?.textContent).not.toContain("›");
      const decade = await getPage(app, "/decades/1990s");
      expectAnatomy(decade.document, "Films from the 1990s", "Films from the 1990s");
      expect(decade.document.querySelectorAll(".review-card")).toHaveLength(7);
      expect(
        linksIn(decade.document.querySelector('nav[aria-label="Years of the 1990s"]')),
      ).toHaveLength(4);
      const redirect = await app.request("/decades");
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get("location")).toBe("/years");
    });
  });

  describe("/ratings", () => {
    it("shows the spread on the star scale and links each step", async () => {
      const { response, document } = await getPage(app, "/ratings");
      expect(response.status).toBe(200);
      expectAnatomy(document, "Ratings", "Ratings");
      const steps = [...document.querySelectorAll("ul.rating-spread li")];
      expect(steps.map((li) => li.querySelector("a")?.getAttribute("href"))).toEqual([
        "/ratings/100",
        "/ratings/90",
        "/ratings/80",
        "/ratings/70",
        "/ratings/60",
        "/ratings/50",
        "/ratings/40",
        "/ratings/0",
      ]);
      expect(textOf(steps[1]?.querySelector("[aria-hidden]"))).toBe("★★★★½");
      expect(textOf(steps[1]?.querySelector(".visually-hidden"))).toBe("4.5 out of 5");
      expect(textOf(steps[1]?.querySelector(".count"))).toBe("4 reviews");
      expect(linksIn(document.querySelector("main p:last-child"))).toEqual([
        ["Unrated", "/ratings/unrated"],
      ]);
    });

    it("lists the reviews at a step and the unrated ones", async () => {
      const rated = await getPage(app, "/ratings/90");
      expect(rated.response.status).toBe(200);
      expect(textOf(rated.document.querySelector("title"))).toBe(
        "Reviews rated 4.5 out of 5 – Cinelog",
      );
      expect(rated.document.querySelectorAll("h1")).toHaveLength(1);
      expect(rated.document.querySelectorAll(".review-card")).toHaveLength(4);
      const unrated = await getPage(app, "/ratings/unrated");
      expectAnatomy(unrated.document, "Unrated reviews", "Unrated reviews");
      expect(unrated.document.querySelectorAll(".review-card")).toHaveLength(3);
    });

    it("follows the site's scale, and is not there when the site does not rate", async () => {
      try {
        await saveSetting(db, "ratingScale", "hundred");
        expect((await getPage(app, "/ratings/85")).response.status).toBe(200);
        const ten = await getPage(app, "/ratings/95");
        expect(textOf(ten.document.querySelector("title"))).toBe(
          "Reviews rated 95 out of 100 – Cinelog",
        );
        await saveSetting(db, "ratingScale", "none");
        for (const path of ["/ratings", "/ratings/90", "/ratings/unrated"]) {
          const { response, document } = await getPage(app, path);
          expect(response.status, path).toBe(404);
          expect(textOf(document.querySelector("h1"))).toBe("Page not found");
        }
        // Nor does the footer offer a way to it.
        const home = await getPage(app, "/");
        expect(home.document.querySelector('footer a[href="/ratings"]')).toBeNull();
        expect(home.document.querySelector('footer a[href="/tags"]')).not.toBeNull();
      } finally {
        await saveSetting(db, "ratingScale", "stars5");
      }
    });
  });

  describe("/tags", () => {
    it("lists tags on public reviews A–Z with counts", async () => {
      const { response, document } = await getPage(app, "/tags");
      expect(response.status).toBe(200);
      expectAnatomy(document, "Tags", "Tags");
      expect(
        [...document.querySelectorAll("ul.tag-index li")].map((li) => [
          textOf(li),
          li.querySelector("a")?.getAttribute("href"),
        ]),
      ).toEqual([
        ["Bleak 1 review", "/tag/bleak"],
        ["éclair 2 reviews", "/tag/eclair"],
        ["Musical 1 review", "/tag/musical"],
        ["Neo-noir 3 reviews", "/tag/neo-noir"],
        ["Screwball 2 reviews", "/tag/screwball"],
        ["Zany 1 review", "/tag/zany"],
      ]);
    });
  });

  it("answers 404, never 500, for bad or out-of-range parameters", async () => {
    for (const path of [
      "/archive/99999",
      "/archive/abc",
      "/archive/0999",
      "/archive/1999",
      "/archive/2099",
      "/archive/2026/13",
      "/archive/2026/00",
      "/archive/2026/3",
      "/archive/2026/05",
      "/archive/2026/page",
      "/archive/2026/page/0",
      "/archive/2026/page/3",
      "/archive/2026/page/abc",
      "/archive/2026/03/page/3",
      "/archive/2026/03/page/-1",
      "/directors/page/0",
      "/directors/page/2",
      "/years/abc",
      "/years/99999",
      "/years/1800",
      "/years/1995/page/2",
      "/decades/1990",
      "/decades/1995s",
      "/decades/1890s",
      "/decades/abc",
      "/decades/0990s",
      "/ratings/101",
      "/ratings/87",
      "/ratings/090",
      "/ratings/abc",
      "/ratings/-10",
      "/ratings/30",
      "/ratings/90/page/2",
      "/tags/page/2",
      "/tags/page/1e3",
    ]) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path).toBe(404);
      expect(textOf(document.querySelector("h1")), path).toBe("Page not found");
    }
    // A trailing slash is how a moved WordPress blog wrote every address: it is sent on, not lost.
    const slashed = await app.request("/archive/");
    expect(slashed.status).toBe(301);
    expect(slashed.headers.get("location")).toBe("/archive");
  });

  it("keeps drafts and reviews scheduled for later out of every index", async () => {
    for (const path of ["/archive", "/directors", "/years", "/ratings", "/tags"]) {
      const { html } = await getPage(app, path);
      expect(html, path).not.toMatch(/Lubitsch|Future Person|Secret|shop-draft|2099/);
    }
    const { document } = await getPage(app, "/directors");
    expect(textOf(document.querySelector(".lede"))).toBe(
      "14 directors of reviewed films, by family name.",
    );
  });

  it("keeps them off every listing of reviews too, and out of its counts", async () => {
    // These listings are each one statement written in SQL (summary-page-read.ts,
    // person-films.ts), apart from the Kysely code that decides what is public elsewhere.
    const hidden = /shop-draft|future-film|vegas-again|Lubitsch|Future Film/;
    for (const path of [
      "/",
      "/archive/2026",
      "/archive/2026/03",
      "/ratings/90",
      "/tag/neo-noir",
      "/years/1995",
      "/decades/1990s",
      "/person/mike-figgis",
    ]) {
      const { response, html } = await getPage(app, path);
      expect(response.status, path).toBe(200);
      expect(html, path).not.toMatch(hidden);
    }
    // Only hidden reviews: no page at all, or (a person) a page with nothing on it.
    for (const path of [
      "/tag/secret",
      "/tag/future",
      "/years/2020",
      "/archive/2099",
      "/ratings/30",
    ]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
    for (const path of ["/person/ernst-lubitsch", "/person/future-person"]) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path).toBe(200);
      expect(textOf(document.querySelector(".person p")), path).toBe("No reviewed films yet.");
    }
    // Leaving Las Vegas has two public reviews (one scheduled whose time has come) and one
    // for 2099: the person page shows the newer public one, and counts one film.
    const { document } = await getPage(app, "/person/mike-figgis");
    expect(textOf(document.querySelector("#person-films"))).toBe("Films reviewed here (1)");
    expect(document.querySelector('.filmography a[href="/review/vegas-rewatch"]')).not.toBeNull();
  });
});

describe.each(dialects)("index pages of an empty site on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(dialect);
  });
  afterAll(async () => {
    await db.dispose();
  });

  it("shows the indexes empty rather than failing", async () => {
    const app = appFor(db);
    for (const path of ["/archive", "/directors", "/years", "/ratings", "/tags"]) {
      const { response, document } = await getPage(app, path);
      expect(response.status, path).toBe(200);
      expect(document.querySelectorAll("h1"), path).toHaveLength(1);
    }
    expect((await getPage(app, "/archive/2026")).response.status).toBe(404);
  });
});
