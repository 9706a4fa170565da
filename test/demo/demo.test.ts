// The demo site: original reviews of real films, generated stills, and the series whose
// "Up Next" the product starts from.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoFilms, demoSeries } from "../../src/demo/demo-content.ts";
import { demoReviews } from "../../src/demo/demo-reviews.ts";
import { isEmptySite } from "../../src/demo/empty-site.ts";
import { loadDemo } from "../../src/demo/load-demo.ts";
import { stillSvg } from "../../src/demo/still-art.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";

function wordCount(markdown: string): number {
  return markdown.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe("demo content", () => {
  it("has at least 8 reviews of 150–400 words, each of a known film", () => {
    expect(demoReviews.length).toBeGreaterThanOrEqual(8);
    for (const review of demoReviews) {
      const words = wordCount(review.body);
      expect(words, review.slug).toBeGreaterThanOrEqual(150);
      expect(words, review.slug).toBeLessThanOrEqual(400);
      expect(
        demoFilms.some((f) => f.key === review.film),
        review.slug,
      ).toBe(true);
      expect(review.stills.length, review.slug).toBeGreaterThan(0);
      for (const still of review.stills) expect(still.alt.trim().length).toBeGreaterThan(10);
    }
  });

  it("has a series of at least 12 with Leaving Las Vegas followed by the three films", () => {
    expect(demoSeries.films.length).toBeGreaterThanOrEqual(12);
    const film = (key: string) => demoFilms.find((f) => f.key === key)!;
    const at = demoSeries.films.findIndex((k) => film(k).title === "Leaving Las Vegas");
    const four = demoSeries.films.slice(at, at + 4).map((k) => {
      const f = film(k);
      return [f.title, f.year, f.directors];
    });
    expect(four).toEqual([
      ["Leaving Las Vegas", 1995, ["Mike Figgis"]],
      ["Bob le Flambeur", 1956, ["Jean-Pierre Melville"]],
      ["His Girl Friday", 1940, ["Howard Hawks"]],
      ["House of Games", 1987, ["David Mamet"]],
    ]);
    const reviewed = new Set(demoReviews.map((r) => r.film));
    const unreviewed = demoSeries.films.filter((k) => !reviewed.has(k));
    expect(unreviewed.length).toBeGreaterThanOrEqual(3);
  });

  it("draws the same still for the same options, and different ones for other seeds", () => {
    const options = {
      width: 1600,
      height: 900,
      palette: ["#101020", "#c04040", "#f0c060"] as [string, string, string],
      motif: "neon" as const,
      seed: 7,
    };
    expect(stillSvg(options)).toBe(stillSvg(options));
    expect(stillSvg({ ...options, seed: 8 })).not.toBe(stillSvg(options));
    expect(stillSvg(options)).not.toContain("<text");
  });
});

describe.each(dialects)("loading the demo on %s", (dialect) => {
  let db: TestDb;
  beforeAll(async () => {
    // Loaded here for real on SQLite. On PostgreSQL the copy of the demo template is the same
    // loadDemo's output, loaded once per run in the global setup (database-templates.ts).
    if (dialect === "sqlite") {
      db = await openTestDb(dialect);
      expect(await isEmptySite(db)).toBe(true);
      await loadDemo(db, db.mediaDir);
    } else {
      db = await openTestDb(dialect, { demo: true });
    }
  }, 120_000);
  afterAll(async () => {
    await db.dispose();
  });

  it("is no longer an empty site", async () => {
    expect(await isEmptySite(db)).toBe(false);
  });

  it('shows "Up Next: Bob le Flambeur (1956), His Girl Friday (1940), House of Games (1987)"', async () => {
    const app = appFor(db);
    const { response, document } = await getPage(app, "/review/leaving-las-vegas-1995");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("Leaving Las Vegas (1995)");
    expect(textOf(document.querySelector(".review-header .credit"))).toBe(
      "Directed by Mike Figgis",
    );
    expect(textOf(document.querySelector(".up-next"))).toMatch(
      /^Up Next: Bob le Flambeur \(1956\), His Girl Friday \(1940\), House of Games \(1987\)/,
    );
    const links = [...document.querySelectorAll(".up-next a")].map(textOf);
    expect(links).toContain("Bob le Flambeur (1956)");
    expect(links).not.toContain("His Girl Friday (1940)");
  });

  it("shows readers' threads under a review, replies nested under what they answer", async () => {
    const app = appFor(db);
    const { document } = await getPage(app, "/review/leaving-las-vegas-1995");
    const top = document.querySelectorAll("#comments .comment-list > li.comment");
    expect(top).toHaveLength(2);
    const firstThread = top[0]!;
    expect(textOf(firstThread.querySelector(".comment-author"))).toBe("Marguerite Osei");
    const reply = firstThread.querySelector(".children > li.comment");
    expect(textOf(reply?.querySelector(".comment-author") ?? null)).toBe("The Demo Reviewer");
    expect(reply?.querySelector(".children > li.comment .comment-author")).not.toBeNull();
    expect(document.querySelectorAll("#comments li.comment")).toHaveLength(5);
  });

  it("names tags in words, not as slugs", async () => {
    const app = appFor(db);
    const { document } = await getPage(app, "/review/leaving-las-vegas-1995");
    const tags = [...document.querySelectorAll(".tags a")].map((a) => [
      textOf(a),
      a.getAttribute("href"),
    ]);
    expect(tags).toContainEqual(["Las Vegas", "/tag/las-vegas"]);
  });

  it("shows stills as responsive pictures with a placeholder, lazy below the fold", async () => {
    const app = appFor(db);
    const { document } = await getPage(app, "/review/leaving-las-vegas-1995");
    const lead = document.querySelector("figure.still-lead");
    const source = lead?.querySelector('picture source[type="image/webp"]');
    expect(source?.getAttribute("srcset")).toMatch(/-480\.webp 480w, .*-960\.webp 960w/);
    const img = lead?.querySelector("img");
    expect(img?.getAttribute("srcset")).toMatch(/-480\.jpg 480w/);
    expect(img?.getAttribute("sizes")).toBeTruthy();
    expect(img?.getAttribute("loading")).toBe("eager");
    expect(img?.getAttribute("style")).toMatch(/^background-image:url\(data:image\/png;base64,/);
    for (const other of document.querySelectorAll("figure.still:not(.still-lead) img")) {
      expect(other.getAttribute("loading")).toBe("lazy");
    }
    const webp = await app.request(/^(\S+)/.exec(source?.getAttribute("srcset") ?? "")![1]!);
    expect(webp.status).toBe(200);
    expect(webp.headers.get("content-type")).toBe("image/webp");
  });

  it("writes every still as a real JPEG of the recorded size", async () => {
    const stills = await db.kysely.selectFrom("stills").selectAll().execute();
    expect(stills.length).toBeGreaterThanOrEqual(demoReviews.length);
    for (const still of stills) {
      const file = path.join(db.mediaDir, still.path);
      expect(fs.existsSync(file), still.path).toBe(true);
      const meta = await sharp(file).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", still.width, still.height]);
    }
  });

  it("has a series page with its progress", async () => {
    const app = appFor(db);
    const { response, document } = await getPage(app, `/series/${demoSeries.slug}`);
    expect(response.status).toBe(200);
    const reviewedFilms = new Set(demoReviews.map((r) => r.film));
    const reviewed = demoSeries.films.filter((k) => reviewedFilms.has(k)).length;
    expect(textOf(document.querySelector(".progress-text"))).toBe(
      `${reviewed} of ${demoSeries.films.length} reviewed`,
    );
  });
});
