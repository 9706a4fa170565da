// Listings in pages on both databases: the page size comes from the settings, page 1 has one
// address, a page past the end is a 404, rel=prev/next match the visible links, the cards
// carry their lead stills, and a new review refreshes every cached page of its listings.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFilm } from "../../src/domain/films.ts";
import { createReview } from "../../src/domain/reviews.ts";
import { saveSetting } from "../../src/domain/settings.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildListingSite, listingTag } from "./listing-site.ts";

type Doc = Awaited<ReturnType<typeof getPage>>["document"];

const total = 23;

function relLinks(document: Doc) {
  const href = (rel: string) =>
    document.querySelector(`head link[rel="${rel}"]`)?.getAttribute("href") ?? null;
  return { prev: href("prev"), next: href("next") };
}

function navLinks(document: Doc) {
  const href = (rel: string) =>
    document.querySelector(`nav.pagination a[rel="${rel}"]`)?.getAttribute("href") ?? null;
  return { prev: href("prev"), next: href("next") };
}

function cardTitles(document: Doc): string[] {
  return [...document.querySelectorAll(".review-card h2")].map((h) => textOf(h));
}

describe.each(dialects)("paged listings on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    await buildListingSite(db, { count: total, withoutStill: [22] });
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const tag = `/tag/${listingTag.slug}`;

  it.each([
    ["/", "/page"],
    [tag, `${tag}/page`],
    ["/archive/2026", "/archive/2026/page"],
    ["/archive/2026/01", "/archive/2026/01/page"],
  ])("pages %s ten at a time, newest first, with matching rel links", async (first, paged) => {
    const one = await getPage(app, first);
    expect(one.response.status).toBe(200);
    expect(cardTitles(one.document)).toHaveLength(10);
    expect(cardTitles(one.document)[0]).toBe("Night Film 23 (1963)");
    expect(relLinks(one.document)).toEqual({ prev: null, next: `${paged}/2` });
    expect(navLinks(one.document)).toEqual({ prev: null, next: `${paged}/2` });

    const two = await getPage(app, `${paged}/2`);
    expect(two.response.status).toBe(200);
    expect(cardTitles(two.document)[0]).toBe("Night Film 13 (1953)");
    expect(relLinks(two.document)).toEqual({ prev: first, next: `${paged}/3` });
    expect(navLinks(two.document)).toEqual({ prev: first, next: `${paged}/3` });
    expect(textOf(two.document.querySelector("nav.pagination span"))).toBe("Page 2 of 3");

    const last = await getPage(app, `${paged}/3`);
    expect(cardTitles(last.document)).toEqual([
      "Night Film 3 (1943)",
      "Night Film 2 (1942)",
      "Night Film 1 (1941)",
    ]);
    expect(relLinks(last.document)).toEqual({ prev: `${paged}/2`, next: null });

    // Page 1 has one address; past the end and odd spellings name nothing.
    const again = await app.request(`${paged}/1`);
    expect(again.status).toBe(301);
    expect(again.headers.get("location")).toBe(first);
    for (const path of [`${paged}/4`, `${paged}/0`, `${paged}/02`, `${paged}/x`]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it("shows each card's lead still, small, lazy and described, and no box without one", async () => {
    const { document } = await getPage(app, tag);
    const cards = [...document.querySelectorAll(".review-card")];
    const bare = cards.find((c) => textOf(c.querySelector("h2")).startsWith("Night Film 22 "));
    expect(bare?.getAttribute("class")).toBe("review-card");
    expect(bare?.querySelector(".card-still, img")).toBeNull();
    const withStill = cards.filter((c) => c !== bare);
    expect(withStill).toHaveLength(9);
    for (const card of withStill) {
      expect(card.getAttribute("class")).toBe("review-card has-still");
      const img = card.querySelector(".card-still img");
      const title = textOf(card.querySelector("h2")).replace(/ \(\d+\)$/, "");
      expect(img?.getAttribute("alt")).toBe(`A rain-streaked street at night in ${title}`);
      expect(img?.getAttribute("loading")).toBe("lazy");
      expect([img?.getAttribute("width"), img?.getAttribute("height")]).toEqual(["1280", "720"]);
      expect(img?.getAttribute("style")).toMatch(/^background-image:url\(data:image\/png;base64,/);
      // Small variants only: the card never asks for the 1280-pixel file by default.
      expect(img?.getAttribute("src")).toBe("/media/stills/night/night-480.jpg");
      expect(img?.getAttribute("srcset")).toContain("night-480.jpg 480w");
      const source = card.querySelector('.card-still source[type="image/webp"]');
      expect(source?.getAttribute("srcset")).toContain("night-480.webp 480w");
    }
  });

  it("shows lead stills on a person's rows and on search results, paged by the setting", async () => {
    const person = await getPage(app, "/person/director-number-12");
    const thumb = person.document.querySelector(".filmography li.has-still .card-still img");
    expect(thumb?.getAttribute("alt")).toBe("A rain-streaked street at night in Night Film 12");
    expect(thumb?.getAttribute("loading")).toBe("lazy");
    expect(thumb?.getAttribute("sizes")).toBe("6rem");
    const bare = await getPage(app, "/person/director-number-22");
    expect(bare.document.querySelector(".filmography li")).not.toBeNull();
    expect(bare.document.querySelector(".filmography img")).toBeNull();

    const search = await getPage(app, "/search?q=rain");
    const results = search.document.querySelectorAll(".search-result");
    expect(results).toHaveLength(10);
    expect(
      search.document.querySelectorAll(".search-result.has-still img[loading=lazy]"),
    ).toHaveLength(9);
    expect(relLinks(search.document)).toEqual({ prev: null, next: "/search?q=rain&page=2" });
    const last = await getPage(app, "/search?q=rain&page=3");
    expect(last.document.querySelectorAll(".search-result")).toHaveLength(3);
    expect(relLinks(last.document)).toEqual({ prev: "/search?q=rain&page=2", next: null });
  });

  it("takes the page size from the settings, for every listing", async () => {
    await saveSetting(db, "reviewsPerPage", 4);
    try {
      for (const [first, paged] of [
        ["/", "/page"],
        [tag, `${tag}/page`],
        ["/archive/2026", "/archive/2026/page"],
        ["/decades/1940s", "/decades/1940s/page"],
      ] as const) {
        const one = await getPage(app, first);
        expect(cardTitles(one.document), first).toHaveLength(4);
        const pages = first.startsWith("/decades") ? 3 : 6;
        expect(textOf(one.document.querySelector("nav.pagination span")), first).toBe(
          `Page 1 of ${pages}`,
        );
        expect((await app.request(`${paged}/${pages}`)).status, first).toBe(200);
        expect((await app.request(`${paged}/${pages + 1}`)).status, first).toBe(404);
      }
      const search = await getPage(app, "/search?q=rain");
      expect(search.document.querySelectorAll(".search-result")).toHaveLength(4);
    } finally {
      await saveSetting(db, "reviewsPerPage", 10);
    }
  });

  it("refreshes every cached page of a listing when a review is published", async () => {
    const paths = [tag, `${tag}/page/2`, `${tag}/page/3`, "/page/3"];
    for (const path of paths) await app.request(path);
    for (const path of paths) {
      expect((await app.request(path)).headers.get("x-cache"), path).toBe("HIT");
    }
    const film = await createFilm(db, { title: "Night Film Late", year: 1999 });
    const [author] = await db.kysely.selectFrom("users").select("id").execute();
    await createReview(db, {
      authorId: author!.id,
      filmId: film.id,
      status: "published",
      body: "A late addition, written for this test.",
      tags: [listingTag.name],
    });
    for (const path of paths) {
      const { response, document } = await getPage(app, path);
      expect(response.headers.get("x-cache"), path).toBe("MISS");
      expect(response.status, path).toBe(200);
      // Everything moved down by one: page 3 now starts with what ended page 2.
      if (path.endsWith("/page/3")) {
        expect(cardTitles(document)[0], path).toBe("Night Film 4 (1944)");
      }
    }
  });
});
