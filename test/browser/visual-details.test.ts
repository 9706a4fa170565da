// Small things a reader notices in the first minute, checked where they happen — in Chromium:
// the site's icon (no 404 on a first visit), the ratings page's bars aligned in the site's
// colours, a quotation in a comment set off like one in the review, checkboxes as tall as
// their labels.
import { describe, expect, it } from "vitest";
import { renderCommentBody } from "../../src/content/comment-markdown.ts";
import { browserSite } from "../support/browser-site.ts";
import { buildFixture } from "../support/fixture.ts";

describe("visual details in a real browser", () => {
  const site = browserSite({
    prepare: async (db) => {
      const f = await buildFixture(db);
      const body = "> Nobody leaves Las Vegas.\n\nThat line stayed with me.";
      await db.kysely
        .insertInto("comments")
        .values({
          review_id: f.reviews.vegasReview.id,
          parent_id: null,
          author_name: "Quoting Reader",
          author_email: "quote@example.com",
          author_url: null,
          body_md: body,
          body_html: renderCommentBody(body),
          status: "approved",
          kind: "comment",
          notify_replies: 0,
          notify_posts: 0,
          ip: "",
          user_agent: "",
          created_at: "2026-02-01T10:00:00.000Z",
          approved_at: "2026-02-01T10:00:00.000Z",
        })
        .execute();
    },
  });

  it("links an icon that loads, and sends /favicon.ico on to it", async () => {
    const { context, page } = await site.newPage();
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    // A page with no stills: the fixture's still rows have no files behind them, and this test
    // is about the icon every page links.
    await page.goto(`${site.base}/search`);
    const href = await page.getAttribute('link[rel="icon"]', "href");
    expect(href).toMatch(/^\/assets\/favicon\.[0-9a-f]{12}\.svg$/);
    const icon = await page.request.get(`${site.base}${href}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()["content-type"]).toBe("image/svg+xml");
    expect(await icon.text()).toMatch(/^<svg [^>]*viewBox="0 0 32 32"/);
    const ico = await page.request.get(`${site.base}/favicon.ico`, { maxRedirects: 0 });
    expect(ico.status()).toBe(301);
    expect(ico.headers()["location"]).toBe(href);
    expect(failed).toEqual([]);
    await context.close();
  });

  it("aligns the ratings page's bars in one column, drawn in the accent colour", async () => {
    const { context, page } = await site.newPage();
    await page.goto(`${site.base}/ratings`);
    const meters = page.locator(".rating-spread meter");
    expect(await meters.count()).toBeGreaterThan(1);
    const lefts = await meters.evaluateAll((all) =>
      all.map((m) => Math.round(m.getBoundingClientRect().left)),
    );
    expect(new Set(lefts).size).toBe(1);
    const accent = await page.evaluate(() =>
      getComputedStyle(document.documentElement).getPropertyValue("--accent").trim(),
    );
    expect(accent).toMatch(/^#/);
    await context.close();
  });

  it("sets a comment's quotation off with a rule, and sizes checkboxes to their labels", async () => {
    const { context, page } = await site.newPage();
    await page.goto(`${site.base}/review/leaving-las-vegas-1995`);
    const quote = page.locator(".comment-content blockquote").first();
    expect(await quote.textContent()).toContain("Nobody leaves Las Vegas.");
    const rule = await quote.evaluate((q) => getComputedStyle(q).borderLeftWidth);
    expect(rule).toBe("3px");
    const box = await page.locator('.comment-form input[type="checkbox"]').first().boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(17);
    await context.close();
  });
});
