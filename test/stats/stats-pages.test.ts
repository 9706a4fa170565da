// The stats pages over HTTP on both databases: what they show of the known site
// (stats-site.ts), the share card, the 404s, the cache following a new review, the owner's
// settings (parts hidden, page off, a goal that is no number), and the dashboard's numbers.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReview } from "../../src/domain/reviews.ts";
import { addAccount, csrfToken, getAs, postForm, signIn } from "../admin/admin-client.ts";
import { appFor, getPage, textOf } from "../support/app.ts";
import { dialects, openTestDb, type TestDb } from "../support/databases.ts";
import { buildStatsSite } from "./stats-site.ts";

describe.each(dialects)("stats pages on %s", (dialect) => {
  let db: TestDb;
  let app: ReturnType<typeof appFor>;
  let site: Awaited<ReturnType<typeof buildStatsSite>>;
  beforeAll(async () => {
    db = await openTestDb(dialect);
    site = await buildStatsSite(db);
    await addAccount(db, "owner", "boss");
    app = appFor(db);
  });
  afterAll(async () => {
    await db.dispose();
  });

  const figures = (document: Document) =>
    Object.fromEntries(
      [...document.querySelectorAll(".big-figures > div")].map((d) => [
        textOf(d.querySelector("dt")),
        Number(textOf(d.querySelector("dd"))),
      ]),
    );

  it("shows all time, says it tracks no visitors, and links each year", async () => {
    const { response, document } = await getPage(app, "/stats");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("The journal in numbers");
    expect(textOf(document.querySelector(".stats-intro"))).toContain("Cinelog tracks no visitors");
    expect(figures(document)).toEqual({
      "films watched": 9,
      "different films": 6,
      "reviews written": 6,
      rewatches: 2,
    });
    const years = [...document.querySelectorAll(".stats-years a")].map((a) =>
      a.getAttribute("href"),
    );
    expect(years).toEqual(["/stats/2026", "/stats/2025", "/stats/2024"]);
    expect(document.querySelector('.site-footer a[href="/stats"]')).not.toBeNull();
    const archive = await getPage(app, "/archive");
    expect(archive.document.querySelector('main a[href="/stats"]')).not.toBeNull();
  });

  it("gives a year its review: figures, top rated, directors, charts with text", async () => {
    const { response, document } = await getPage(app, "/stats/2025");
    expect(response.status).toBe(200);
    expect(textOf(document.querySelector("h1"))).toBe("2025 in review");
    expect(figures(document)).toEqual({
      "films watched": 7,
      "different films": 5,
      "reviews written": 5,
      rewatches: 2,
    });
    const topRated = [...document.querySelectorAll(".top-rated li > a")].map((a) =>
      a.getAttribute("href"),
    );
    expect(topRated).toEqual([
      "/review/gamma",
      "/review/alpha",
      "/review/alpha-again",
      "/review/beta",
    ]);
    expect(document.querySelector('.year-recap a[href="/person/dana-director"]')).not.toBeNull();
    // Every chart is hidden from screen readers and has a table or a sentence instead.
    const charts = [...document.querySelectorAll("figure.stats-chart")];
    expect(charts.length).toBeGreaterThanOrEqual(4);
    for (const chart of charts) {
      expect(chart.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
      expect(textOf(chart.querySelector("caption, figcaption")).length).toBeGreaterThan(10);
    }
    expect(textOf(document.querySelector("#stats-calendar")?.parentElement)).toContain(
      "Films were watched on 7 days of 2025; the busiest was 1 March 2025, with 1.",
    );
    const og = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
    expect(og).toMatch(/\/stats\/2025\/card\.png$/);
  });

  it("answers 404 for a year with nothing and for what is no year", async () => {
    for (const path of ["/stats/1999", "/stats/0999", "/stats/20255", "/stats/1999/card.png"]) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it("serves the share card as a PNG, kept and revalidated", async () => {
    const first = await app.request("/stats/2025/card.png");
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("image/png");
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["png", 1200, 630]);
    const etag = first.headers.get("etag")!;
    const again = await app.request("/stats/2025/card.png", { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
  });

  it("follows a new review at once, though the page is cached", async () => {
    await getPage(app, "/stats/2025");
    const cached = await app.request("/stats/2025");
    expect(cached.headers.get("x-cache")).toBe("HIT");
    await createReview(db, {
      authorId: site.author.id,
      filmId: site.alpha.id,
      slug: "alpha-third",
      status: "published",
      body: "Third time.",
      publishedAt: "2025-08-01T10:00:00.000Z",
      isRewatch: true,
    });
    const { document } = await getPage(app, "/stats/2025");
    expect(figures(document)["films watched"]).toBe(8);
    expect(figures(document)["rewatches"]).toBe(3);
  });

  it("lets the owner hide parts, set a goal, switch the pages off; the dashboard counts", async () => {
    const cookie = await signIn(app, "boss@example.com");
    const dashboard = await getAs(app, "/admin", cookie);
    const numbers = textOf(dashboard.document.querySelector(".dashboard-numbers"));
    expect(numbers).toContain("1 comment awaiting moderation");
    expect(numbers).toContain("Counted Series: 4 of 5");
    const token = await csrfToken(app, cookie, "/admin/settings/stats");
    const shown = [
      "months",
      "calendar",
      "decades",
      "ratings",
      "people",
      "habits",
      "writing",
      "series",
    ];
    const form = (extra: Record<string, string>) =>
      postForm(
        app,
        "/admin/settings/stats",
        {
          _csrf: token,
          statsEnabled: "on",
          ...Object.fromEntries(shown.map((k) => [`show-${k}`, "on"])),
          ...extra,
        },
        { cookie },
      );
    const wrong = await form({ statsYearlyGoal: "lots" });
    expect(wrong.status).toBe(400);
    const kept = await wrong.text();
    expect(kept).toContain('value="lots"');
    expect(kept).toContain("Give a whole number of films");
    expect((await form({ statsYearlyGoal: "52" })).status).toBe(303);
    const page = await getPage(app, "/stats");
    expect(page.document.querySelector("#stats-discussed")).toBeNull();
    expect(page.document.querySelector("#stats-writing")).not.toBeNull();
    expect(textOf(page.document.querySelector(".stats-goal"))).toContain("films");
    expect(textOf(page.document.querySelector(".stats-goal"))).toContain("52");
    const off = await postForm(
      app,
      "/admin/settings/stats",
      { _csrf: token, statsYearlyGoal: "52" },
      { cookie },
    );
    expect(off.status).toBe(303);
    expect((await app.request("/stats")).status).toBe(404);
    expect((await app.request("/stats/2025")).status).toBe(404);
    const home = await getPage(app, "/");
    expect(home.document.querySelector('.site-footer a[href="/stats"]')).toBeNull();
  });
});
